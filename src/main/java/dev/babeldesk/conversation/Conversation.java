package dev.babeldesk.conversation;

import java.time.Instant;

/**
 * A conversation as stored: its state, the language it is held in, and what the page said.
 * {@code language} is null until the shopper's first real message decides it; {@code readSeq} is
 * how far the shopper's widget has shown them the conversation (0: nothing reported).
 */
public record Conversation(String id, ConversationState state, String language, String locale, String page,
                           String handoffReason, String agentId, Instant waitingSince, Instant createdAt,
                           Instant updatedAt, long readSeq) {

    /** The language to talk in: the one the shopper writes, else the page's. */
    public String replyLanguage() {
        return language != null ? language : locale;
    }
}
