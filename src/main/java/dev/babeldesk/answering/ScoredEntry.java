package dev.babeldesk.answering;

/**
 * A candidate as the decision saw it: which entry, its retrieval evidence, and how likely it is
 * to be the right one ({@code confidence} = {@code answerable} × {@code choice}).
 */
public record ScoredEntry(String id, String title, double score, double lexical, double similarity,
                          double answerable, double choice, double confidence, boolean handoff) {}
