package dev.babeldesk.answering;

/** Why the bot handed off; recorded with the hand-off and shown to the agent. */
public enum HandoffReason {
    /** No entry matched well enough. */
    LOW_CONFIDENCE,
    /** The shopper asked for a person. */
    EXPLICIT_REQUEST,
    /** The best match is an entry marked {@code handoff: true}, such as a complaint. */
    HANDOFF_ENTRY,
    /** Clear frustration or anger. */
    FRUSTRATION
}
