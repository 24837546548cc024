package dev.babeldesk.privacy;

import dev.babeldesk.conversation.ChatMessage;
import dev.babeldesk.conversation.Conversation;
import dev.babeldesk.conversation.ConversationState;
import dev.babeldesk.conversation.Sender;
import dev.babeldesk.insight.BotTurn;
import dev.babeldesk.storage.Database;
import dev.babeldesk.storage.JdbcConversationStore;
import dev.babeldesk.storage.JdbcInsightStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The retention period on a real SQLite database: what is erased, what is kept, and the bot's records with it. */
class PrivacyServiceTest {
    private static final Instant LONG_AGO = Instant.parse("2026-01-10T10:00:00Z");
    private static final Instant NOW = LONG_AGO.plus(Duration.ofDays(40));

    @TempDir
    Path dir;
    private DataSource database;
    private JdbcInsightStore insight;

    @BeforeEach
    void open() {
        database = Database.open(dir.resolve("privacy.db").toString());
        insight = new JdbcInsightStore(database);
    }

    private JdbcConversationStore storeAt(Instant when) {
        return new JdbcConversationStore(database, Clock.fixed(when, ZoneOffset.UTC));
    }

    /** A conversation whose last message was at {@code when}, moved to {@code state}, with one bot turn kept for insight. */
    private String conversation(Instant when, ConversationState state) {
        JdbcConversationStore store = storeAt(when);
        Conversation c = store.create("hash-" + UUID.randomUUID(), "en", "/");
        ChatMessage question = store.append(c.id(), ChatMessage.draft(Sender.SHOPPER, "my order 123456 to Rue Lepic")).message();
        insight.recordTurn(new BotTurn(c.id(), question.seq(), question.text(), "en", "en", "answer", null, "track-order",
                0.9, 0.9, 0.9, null, null, when));
        if (state == ConversationState.CLOSED) {
            assertTrue(store.transition(c.id(), ConversationState.BOT, ConversationState.CLOSED, null));
        } else if (state == ConversationState.WAITING) {
            assertTrue(store.transition(c.id(), ConversationState.BOT, ConversationState.WAITING, "explicit_request"));
        }
        return c.id();
    }

    private boolean exists(String conversation) {
        return storeAt(NOW).find(conversation).isPresent();
    }

    private boolean hasTurns(String conversation) {
        return insight.turns(Instant.EPOCH, NOW.plusSeconds(1)).stream().anyMatch(t -> t.conversationId().equals(conversation));
    }

    @Test
    void idle_conversations_past_the_period_are_erased_with_the_bots_records_and_the_rest_is_kept() {
        String closedLongAgo = conversation(LONG_AGO, ConversationState.CLOSED);
        String botLongAgo = conversation(LONG_AGO, ConversationState.BOT);
        String waitingLongAgo = conversation(LONG_AGO, ConversationState.WAITING);
        String recent = conversation(NOW.minus(Duration.ofDays(29)), ConversationState.CLOSED);

        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        PrivacyService privacy = new PrivacyService(storeAt(NOW), insight, Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofDays(30), meters);
        assertEquals(2, privacy.applyRetention());
        assertEquals(2, meters.counter("babeldesk.privacy.erased", "why", "retention").count());

        assertFalse(exists(closedLongAgo));
        assertFalse(exists(botLongAgo));
        assertFalse(hasTurns(closedLongAgo), "the question it kept for insight goes with it");
        assertTrue(exists(waitingLongAgo), "someone still owes the shopper an answer");
        assertTrue(hasTurns(waitingLongAgo));
        assertTrue(exists(recent), "29 days idle is within a 30-day period");
        assertEquals(0, privacy.applyRetention(), "a second round finds nothing more");
    }

    @Test
    void a_retention_period_of_zero_keeps_everything() {
        String old = conversation(LONG_AGO.minus(Duration.ofDays(3650)), ConversationState.CLOSED);
        PrivacyService privacy = new PrivacyService(storeAt(NOW), insight, Clock.fixed(NOW, ZoneOffset.UTC), Duration.ZERO,
                new SimpleMeterRegistry());
        assertEquals(0, privacy.applyRetention());
        assertTrue(exists(old));
    }
}
