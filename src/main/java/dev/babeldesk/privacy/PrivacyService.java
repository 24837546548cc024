package dev.babeldesk.privacy;

import dev.babeldesk.conversation.ChatMessage;
import dev.babeldesk.conversation.Conversation;
import dev.babeldesk.conversation.ConversationState;
import dev.babeldesk.conversation.ConversationStore;
import dev.babeldesk.conversation.ShopperIdentity;
import dev.babeldesk.insight.InsightStore;
import dev.babeldesk.photo.Photo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A shopper's rights over what the shop keeps of their chats (the GDPR's access, portability and
 * erasure), and the shop's retention period: conversations are found for a request, exported
 * whole, erased with everything kept about them, and erased anyway once nobody has touched them
 * for the retention period. Learned phrasings are not touched: they are masked questions an
 * admin approved, with no link to the conversation they came from.
 */
public final class PrivacyService {
    private static final Logger LOG = LoggerFactory.getLogger(PrivacyService.class);
    /** Shorter texts would match far too much of everyone's chats to be a request about one person. */
    public static final int MIN_TEXT_LENGTH = 4;
    static final int MAX_FOUND = 50;
    /** Conversations erased per round of retention, so one round never holds the database for long. */
    static final int RETENTION_BATCH = 500;

    private final ConversationStore conversations;
    private final InsightStore insight;
    private final Clock clock;
    private final Duration retention;
    private final io.micrometer.core.instrument.MeterRegistry meters;

    /**
     * @param retention how long a conversation nobody works on is kept after its last message; zero: for ever
     * @param meters    where erasures are counted, by why
     */
    public PrivacyService(ConversationStore conversations, InsightStore insight, Clock clock, Duration retention,
                          io.micrometer.core.instrument.MeterRegistry meters) {
        this.conversations = conversations;
        this.insight = insight;
        this.clock = clock;
        this.retention = retention;
        this.meters = meters;
    }

    private void countErased(String why, int count) {
        meters.counter("babeldesk.privacy.erased", "why", why).increment(count);
    }

    /** Why an erasure was refused. */
    public enum Refusal { NOT_FOUND, OPEN }

    /** An erasure's outcome: done, or refused with a reason. */
    public record Erasure(boolean erased, Refusal refusal) {}

    /** The conversations a request concerns (see {@link ConversationStore#findForShopper}), newest first. */
    public List<ConversationStore.Found> find(String query) {
        return conversations.findForShopper(query.strip(), MIN_TEXT_LENGTH, MAX_FOUND);
    }

    /** Everything kept of one conversation, for the shopper's copy. */
    public record Export(Conversation conversation, ShopperIdentity shopper, List<ChatMessage> messages,
                         List<Photo> photos, ConversationStore.Rating rating) {}

    public Optional<Export> export(String conversationId) {
        return conversations.find(conversationId).map(c -> new Export(c, conversations.identity(c.id()).orElse(null),
                conversations.messagesAfter(c.id(), 0), conversations.photos(c.id()), conversations.rating(c.id()).orElse(null)));
    }

    /**
     * Erases a conversation on request. One that is waiting for or with a person is refused: the
     * agent would be left answering nothing; closing it first makes that a decision.
     *
     * @param by who asked for it, for the log (which names no shopper)
     */
    public Erasure erase(String conversationId, String by) {
        return erase(conversationId, "request", by);
    }

    /** The shopper deletes their own conversation from the widget; refused in the same cases as {@link #erase}. */
    public Erasure eraseAtShoppersRequest(String conversationId) {
        return erase(conversationId, "shopper", "the shopper (from the widget)");
    }

    private Erasure erase(String conversationId, String why, String by) {
        Optional<Conversation> found = conversations.find(conversationId);
        if (found.isEmpty()) return new Erasure(false, Refusal.NOT_FOUND);
        ConversationState state = found.get().state();
        if (state == ConversationState.WAITING || state == ConversationState.AGENT) return new Erasure(false, Refusal.OPEN);
        eraseEverything(conversationId);
        countErased(why, 1);
        LOG.info("conversation {} erased at the request of {}", conversationId, by);
        return new Erasure(true, null);
    }

    /** The bot's records go first: they refer to the conversation. Both steps can be done again. */
    private void eraseEverything(String conversationId) {
        insight.forget(conversationId);
        conversations.erase(conversationId);
    }

    /** Erases what is past the retention period; how many conversations. Nothing when the period is zero. */
    public int applyRetention() {
        if (retention.isZero()) return 0;
        int erased = 0;
        List<String> due;
        do {
            due = conversations.inactiveSince(clock.instant().minus(retention), RETENTION_BATCH);
            due.forEach(this::eraseEverything);
            erased += due.size();
        } while (due.size() == RETENTION_BATCH);
        countErased("retention", erased);
        if (erased > 0) LOG.info("{} conversation(s) past the retention period of {} days erased", erased, retention.toDays());
        return erased;
    }

    public Duration retention() {
        return retention;
    }
}
