package dev.babeldesk.retrieval;

import java.util.List;

/** Finds the entries of one language that best match a shopper's question, best first. */
public interface Retriever {
    List<Candidate> search(String text, String language, int limit);
}
