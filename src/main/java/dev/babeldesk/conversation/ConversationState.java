package dev.babeldesk.conversation;

/** Who has the conversation. */
public enum ConversationState {
    /** The bot answers. */
    BOT,
    /** Handed off; waiting in the queue for a person. The bot does not answer. */
    WAITING,
    /** A person has it. The bot does not answer. */
    AGENT,
    /** Ended. */
    CLOSED
}
