package dev.babeldesk.answering;

/** What the bot does with a question. */
public enum Decision {
    /** Confident: give the best entry's answer. */
    ANSWER,
    /** Unsure between a few entries: offer them as choices. */
    CLARIFY,
    /** Route the conversation to a person. */
    HANDOFF
}
