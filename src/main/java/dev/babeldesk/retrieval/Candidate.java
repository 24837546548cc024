package dev.babeldesk.retrieval;

import dev.babeldesk.knowledge.Entry;

/**
 * An entry the retriever thinks may answer the question, with its evidence.
 *
 * @param score    the ranking score, normalised by the query's information so that it is
 *                 comparable across queries: 0 nothing matched, about 1 everything matched well
 * @param coverage the share of the query's information (idf-weighted terms) that the entry's
 *                 title and questions contain, in [0,1]
 */
public record Candidate(Entry entry, double score, double coverage) {}
