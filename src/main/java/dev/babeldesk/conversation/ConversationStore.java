package dev.babeldesk.conversation;

import java.util.List;
import java.util.Optional;

/**
 * Where conversations live. The embedded default is a SQLite file; PostgreSQL is the same SQL
 * behind the same interface. Every method is atomic; implementations must be safe to call from
 * many threads.
 */
public interface ConversationStore {

    Conversation create(String resumeTokenHash, String locale, String page);

    Optional<Conversation> findByResumeTokenHash(String hash);

    Optional<Conversation> find(String conversationId);

    /**
     * Stores a message with the conversation's next seq. When the message carries a client id
     * the conversation already has, nothing is stored and the stored message is returned.
     */
    Appended append(String conversationId, ChatMessage draft);

    /** The result of {@link #append}: the stored message and whether it was new. */
    record Appended(ChatMessage message, boolean created) {}

    List<ChatMessage> messagesAfter(String conversationId, long seq);

    Optional<ChatMessage> message(String conversationId, long seq);

    /** Moves the conversation to {@code to} only if it is in {@code from}; false when it was not. */
    boolean transition(String conversationId, ConversationState from, ConversationState to, String handoffReason);

    void setLanguage(String conversationId, String language);

    void setIdentity(String conversationId, ShopperIdentity identity);

    Optional<ShopperIdentity> identity(String conversationId);

    /** Something that happened and is not a message (a clarify pick, feedback, a hand-off trigger). */
    void recordEvent(String conversationId, String type, String detailJson);

    /** Details of the conversation's events of one type, oldest first. */
    List<String> events(String conversationId, String type);

    /** 1-based place of a waiting conversation in the queue (oldest first), or 0 when it is not waiting. */
    int queuePosition(String conversationId);
}
