package dev.babeldesk.language;

/**
 * Tells which of the knowledge base's languages a shopper message is written in.
 * Implementations must only ever answer with one of the languages they were built for.
 */
public interface LanguageDetector {

    /**
     * @param text  the shopper's message
     * @param prior the language the page or conversation declared, or null; it decides only when
     *              the text itself is too short or too ambiguous to tell
     */
    Detection detect(String text, String prior);

    /** The detected language and whether the text itself decided it (false: the prior or default did). */
    record Detection(String language, boolean fromText) {}
}
