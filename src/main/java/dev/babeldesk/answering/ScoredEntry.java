package dev.babeldesk.answering;

/** A candidate as the decision saw it: which entry, and how likely it is to be the right one. */
public record ScoredEntry(String id, String title, double score, double confidence, boolean handoff) {}
