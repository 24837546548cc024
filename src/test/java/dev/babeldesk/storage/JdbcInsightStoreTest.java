package dev.babeldesk.storage;

import dev.babeldesk.conversation.ChatMessage;
import dev.babeldesk.conversation.Conversation;
import dev.babeldesk.conversation.ConversationState;
import dev.babeldesk.conversation.Sender;
import dev.babeldesk.insight.BotTurn;
import dev.babeldesk.insight.ConversationFacts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Against the real SQLite file through JDBC, schema from the Flyway migrations. */
class JdbcInsightStoreTest {
    private static final Instant FROM = Instant.parse("2000-01-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2100-01-01T00:00:00Z");
    @TempDir
    Path dir;
    private JdbcConversationStore conversations;
    private JdbcInsightStore insight;
    private Conversation conversation;

    @BeforeEach
    void open() {
        DataSource db = Database.open(dir.resolve("insight.db").toString());
        conversations = new JdbcConversationStore(db, Clock.systemUTC());
        insight = new JdbcInsightStore(db);
        conversation = conversations.create("hash-" + System.nanoTime(), "en", "/");
    }

    private BotTurn turn(long seq, String decision) {
        return new BotTurn(conversation.id(), seq, "question " + seq, "en", "en", decision, null, "returns", 0.9, 0.95,
                0.96, null, null, Instant.now());
    }

    @Test
    void a_vote_belongs_to_the_last_question_asked_before_the_voted_message_and_not_helpful_sticks() {
        insight.recordTurn(turn(2, "answer"));
        insight.recordTurn(turn(4, "answer"));
        insight.recordFeedback(conversation.id(), 3, false);   // the answer to question 2
        insight.recordFeedback(conversation.id(), 5, true);    // the answer to question 4
        insight.recordFeedback(conversation.id(), 3, true);    // a later thumbs-up does not erase the complaint
        List<BotTurn> turns = insight.turns(FROM, TO);
        assertEquals(false, turns.get(0).helpful());
        assertEquals(true, turns.get(1).helpful());
    }

    @Test
    void a_pick_from_offered_choices_is_kept_with_the_question_that_led_to_them() {
        insight.recordTurn(turn(2, "clarify"));
        insight.recordChoice(conversation.id(), 3, "refund-time");
        BotTurn stored = insight.turns(FROM, TO).get(0);
        assertEquals("refund-time", stored.chosenEntry());
        assertEquals(0.95, stored.answerable());
        assertNull(stored.helpful());
    }

    @Test
    void conversation_facts_carry_the_first_hand_off_the_first_reply_and_the_rating_but_no_identity() {
        conversations.append(conversation.id(), ChatMessage.draft(Sender.SHOPPER, "hi").withClientId("m1"));
        conversations.setIdentity(conversation.id(), new dev.babeldesk.conversation.ShopperIdentity("u1", "jane@example.com", "Jane", true));
        conversations.transition(conversation.id(), ConversationState.BOT, ConversationState.WAITING, "low_confidence");
        conversations.recordEvent(conversation.id(), "handoff", "{\"reason\":\"low_confidence\"}");
        conversations.recordEvent(conversation.id(), "handoff", "{\"reason\":\"explicit_request\"}");
        conversations.markFirstResponse(conversation.id());
        Conversation quiet = conversations.create("hash-quiet-" + System.nanoTime(), "de", "/");

        List<ConversationFacts> facts = insight.conversations(FROM, TO);
        assertEquals(2, facts.size());
        ConversationFacts first = facts.stream().filter(f -> f.id().equals(conversation.id())).findFirst().orElseThrow();
        assertEquals("low_confidence", first.firstHandoffReason());
        assertEquals(true, first.firstResponseAt() != null && !first.firstResponseAt().isBefore(first.firstHandoffAt()));
        ConversationFacts other = facts.stream().filter(f -> f.id().equals(quiet.id())).findFirst().orElseThrow();
        assertEquals(false, other.handedOff());
        assertEquals("de", other.language());
        assertEquals(false, facts.toString().contains("jane"), "no name or email in what insight reads");
    }

    @Test
    void turns_outside_the_period_are_left_out() {
        insight.recordTurn(turn(2, "answer"));
        assertEquals(0, insight.turns(FROM, Instant.parse("2001-01-01T00:00:00Z")).size());
        assertEquals(1, insight.turns(FROM, TO).size());
    }
}
