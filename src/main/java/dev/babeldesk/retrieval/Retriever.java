package dev.babeldesk.retrieval;

import java.util.List;

/** Finds the entries of one language that best match a shopper's question, best first. */
public interface Retriever {
    List<Candidate> search(String text, String language, int limit);

    /**
     * The text as a unit-length meaning vector in the language's model, when the language has one
     * (the insight page groups similar questions with it); empty for lexical-only languages.
     */
    default java.util.Optional<float[]> meaning(String text, String language) {
        return java.util.Optional.empty();
    }

    /** The question as {@link #search} reads it (typing slips corrected, where the language has a dictionary). */
    default String readAs(String text, String language) {
        return text;
    }
}
