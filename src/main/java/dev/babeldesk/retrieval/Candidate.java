package dev.babeldesk.retrieval;

import dev.babeldesk.knowledge.Entry;

/**
 * An entry the retriever thinks may answer the question, with its evidence.
 *
 * @param score    the ranking score (only its order and gaps mean something): the lexical score,
 *                 or where the language has an embedding model the entry classifier's
 *                 standardised score plus a weighted lexical score
 * @param lexical  BM25 divided by the query's information (sum of its terms' idf over the
 *                 phrasings): 0 nothing matched, towards 1 everything matched
 * @param dense    cosine similarity of the question to the entry's closest phrasing (0 when the
 *                 language has no embedding model)
 * @param coverage the share of the query's information (idf-weighted terms) that the entry's
 *                 title and questions contain, in [0,1]
 * @param classifier the entry classifier's standardised score (0 when the language has no
 *                 embedding model)
 */
public record Candidate(Entry entry, double score, double lexical, double dense, double coverage, double classifier) {}
