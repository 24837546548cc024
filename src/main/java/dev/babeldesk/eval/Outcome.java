package dev.babeldesk.eval;

/** How one case went, from the shop's point of view. */
public enum Outcome {
    /** In scope, answered with the expected entry. */
    ANSWERED_RIGHT,
    /** Answered with a wrong entry, or answered a question that should have gone to a person: the worst outcome. */
    ANSWERED_WRONG,
    /** In scope, choices offered and the expected entry is first among them. */
    CLARIFIED_FIRST_RIGHT,
    /** In scope, choices offered and the expected entry is among them but not first. */
    CLARIFIED_RIGHT,
    /** Choices offered without the expected entry (or offered when a person was needed). */
    CLARIFIED_WRONG,
    /** Handed off when a person was needed. */
    HANDED_OFF_RIGHT,
    /** Handed off although the knowledge base had the answer. */
    HANDED_OFF_NEEDLESSLY;

    /** Right decision: the right answer directly or among the choices, or a needed hand-off. */
    public boolean right() {
        return this == ANSWERED_RIGHT || this == CLARIFIED_FIRST_RIGHT || this == CLARIFIED_RIGHT || this == HANDED_OFF_RIGHT;
    }
}
