package dev.babeldesk.insight;

import java.time.Instant;
import java.util.List;

/**
 * Where the bot's decisions are kept for insight. Beside the conversation store (same database,
 * own table) because the conversation needs none of it to work.
 */
public interface InsightStore {

    void recordTurn(BotTurn turn);

    /** A vote on a bot message: it belongs to the last question asked before that message. */
    void recordFeedback(String conversationId, long votedMessageSeq, boolean helpful);

    /**
     * A pick from offered choices: it belongs to the last question asked before {@code answeredSeq}
     * (the clarify message, or the answer voted down whose replacements were offered).
     */
    void recordChoice(String conversationId, long answeredSeq, String entryId);

    /** The turns, of any time, whose shopper picked this entry from the offered choices. */
    List<BotTurn> picks(String language, String entryId);

    /** Turns asked in [from, to), oldest first. */
    List<BotTurn> turns(Instant from, Instant to);

    /** Conversations started in [from, to), oldest first. */
    List<ConversationFacts> conversations(Instant from, Instant to);

    /** Forgets the turns of a conversation (erased on request, or past the retention period). */
    void forget(String conversationId);
}
