package dev.babeldesk.conversation;

import dev.babeldesk.photo.Photo;

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

    /**
     * Stores a shopper's picture and the message that shows it, together; a resent upload (same
     * client id) stores neither again and returns the first message. Empty when the conversation
     * already has {@code limit} pictures (counted in the same transaction, so uploads at the same
     * moment cannot pass it).
     */
    Optional<Appended> appendPhoto(String conversationId, ChatMessage draft, Photo photo, int limit);

    Optional<Photo> photo(String photoId);

    /** The conversation's pictures, oldest first (for a shopper's data request). */
    List<Photo> photos(String conversationId);

    int photoCount(String conversationId);

    /** The result of {@link #append}: the stored message and whether it was new. */
    record Appended(ChatMessage message, boolean created) {}

    List<ChatMessage> messagesAfter(String conversationId, long seq);

    Optional<ChatMessage> message(String conversationId, long seq);

    /** The shopper's message with this client id, if the conversation has one. */
    Optional<ChatMessage> messageByClientId(String conversationId, String clientId);

    /** Moves the conversation to {@code to} only if it is in {@code from}; false when it was not. */
    boolean transition(String conversationId, ConversationState from, ConversationState to, String handoffReason);

    void setLanguage(String conversationId, String language);

    /**
     * The shopper's widget has shown them the conversation up to {@code seq} (never moves back, nor
     * past the last message); false when that changed nothing.
     */
    boolean markRead(String conversationId, long seq);

    /**
     * A conversation with agents' replies the shopper has neither read nor been emailed: those
     * after {@code mailedSeq} and {@code readSeq}, up to {@code upToSeq}.
     */
    record UnreadReplies(String conversationId, long readSeq, long mailedSeq, long upToSeq) {}

    /** Conversations with agents' replies written between the two times that the shopper has not read nor been emailed, oldest first. */
    List<UnreadReplies> unreadReplies(java.time.Instant writtenFrom, java.time.Instant writtenUntil, int limit);

    /**
     * Moves the conversation's emailed-up-to mark from {@code from} to {@code to} only if it is
     * still {@code from}, so that of several nodes one emails a reply; back again when sending failed.
     */
    boolean moveMailedMark(String conversationId, long from, long to);

    /** An email of agents' replies went to {@code address}; its token (hashed) leads an answer back to the conversation. */
    void recordMailThread(String tokenHash, String conversationId, String address);

    /** Where an emailed reply went: its conversation and the address. */
    record MailThread(String conversationId, String address) {}

    Optional<MailThread> mailThread(String tokenHash);

    void setIdentity(String conversationId, ShopperIdentity identity);

    Optional<ShopperIdentity> identity(String conversationId);

    /** Something that happened and is not a message (a clarify pick, feedback, a hand-off trigger). */
    void recordEvent(String conversationId, String type, String detailJson);

    /** Details of the conversation's events of one type, oldest first. */
    List<String> events(String conversationId, String type);

    /** 1-based place of a waiting conversation in the queue (oldest first), or 0 when it is not waiting. */
    int queuePosition(String conversationId);

    /** Conversations in a state, longest waiting first. */
    List<Conversation> inState(ConversationState state);

    /** The conversations an agent has now. */
    List<Conversation> assignedTo(String agentId);

    /** Outcome of {@link #assign}. */
    enum Assignment { ASSIGNED, NOT_WAITING, AT_CAPACITY }

    /** WAITING → AGENT for this agent, atomically, if the agent has fewer than {@code capacity} conversations. */
    Assignment assign(String conversationId, String agentId, int capacity);

    /** Hands an agent's conversation to another agent. */
    boolean reassign(String conversationId, String fromAgentId, String toAgentId);

    /** AGENT → {@code to} (back to the queue, or back to the bot), only from the agent who has it. */
    boolean release(String conversationId, String agentId, ConversationState to);

    boolean closeByAgent(String conversationId, String agentId, String resolution, String note);

    void markFirstResponse(String conversationId);

    /** When the conversation started waiting, when a person took it, when that person first replied (null: not yet). */
    record Timings(java.time.Instant waitingSince, java.time.Instant assignedAt, java.time.Instant firstResponseAt) {}

    Timings timings(String conversationId);

    /** The shopper's rating of a closed conversation; only once. */
    boolean rate(String conversationId, int score, String comment);

    /** The shopper's rating (1-5) and comment, if they gave one. */
    record Rating(int score, String comment) {}

    Optional<Rating> rating(String conversationId);

    /** A conversation found for a request about a shopper's personal data, and what it was found by. */
    record Found(Conversation conversation, ShopperIdentity shopper, int messages, String matchedBy) {}

    /**
     * The conversations a request about personal data concerns, newest first: those of a shopper
     * with this email address (any case) or shop id, the one with this id, and those in which the
     * shopper wrote this text (any case), when it is at least {@code minTextLength} characters.
     */
    List<Found> findForShopper(String query, int minTextLength, int limit);

    /** Deletes the conversation, its messages, pictures, events and email threads; false when there was none. */
    boolean erase(String conversationId);

    /**
     * Conversations nobody is working on (with the bot, or closed) with no activity since
     * {@code before}, oldest first.
     */
    List<String> inactiveSince(java.time.Instant before, int limit);
}
