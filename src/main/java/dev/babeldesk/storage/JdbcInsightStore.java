package dev.babeldesk.storage;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.babeldesk.insight.BotTurn;
import dev.babeldesk.insight.ConversationFacts;
import dev.babeldesk.insight.InsightStore;

import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The bot's decisions in the {@code bot_turns} table, beside the conversations they belong to. */
public final class JdbcInsightStore implements InsightStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LAST_QUESTION_BEFORE = "question_seq = (SELECT MAX(question_seq) FROM bot_turns "
            + "WHERE conversation_id = ? AND question_seq < ?) AND conversation_id = ?";

    private final Jdbc jdbc;

    public JdbcInsightStore(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource, "insight");
    }

    @Override
    public void recordTurn(BotTurn t) {
        jdbc.write(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO bot_turns (conversation_id, question_seq, question, "
                    + "locale_hint, language, decision, handoff_reason, entry_id, confidence, answerable, choice, feedback, "
                    + "chosen_entry, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                s.setString(1, t.conversationId());
                s.setLong(2, t.questionSeq());
                s.setString(3, t.question());
                s.setString(4, t.localeHint());
                s.setString(5, t.language());
                s.setString(6, t.decision());
                s.setString(7, t.handoffReason());
                s.setString(8, t.entryId());
                setDouble(s, 9, t.confidence());
                setDouble(s, 10, t.answerable());
                setDouble(s, 11, t.choice());
                if (t.helpful() == null) s.setNull(12, Types.SMALLINT); else s.setInt(12, t.helpful() ? 1 : 0);
                s.setString(13, t.chosenEntry());
                s.setLong(14, t.at().toEpochMilli());
                s.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public void recordFeedback(String conversationId, long votedMessageSeq, boolean helpful) {
        // A not-helpful vote sticks: a later thumbs-up on the answer the shopper picked instead does not erase it.
        jdbc.update("UPDATE bot_turns SET feedback = CASE WHEN feedback = 0 THEN 0 ELSE ? END WHERE " + LAST_QUESTION_BEFORE,
                helpful ? 1 : 0, conversationId, votedMessageSeq, conversationId);
    }

    @Override
    public void forget(String conversationId) {
        jdbc.update("DELETE FROM bot_turns WHERE conversation_id = ?", conversationId);
    }

    @Override
    public void recordChoice(String conversationId, long answeredSeq, String entryId) {
        jdbc.update("UPDATE bot_turns SET chosen_entry = ? WHERE " + LAST_QUESTION_BEFORE,
                entryId, conversationId, answeredSeq, conversationId);
    }

    private static final String TURN_COLUMNS = "SELECT conversation_id, question_seq, question, locale_hint, language, "
            + "decision, handoff_reason, entry_id, confidence, answerable, choice, feedback, chosen_entry, created_at FROM bot_turns ";

    @Override
    public List<BotTurn> turns(Instant from, Instant to) {
        return jdbc.list(TURN_COLUMNS + "WHERE created_at >= ? AND created_at < ? ORDER BY created_at, conversation_id, question_seq",
                JdbcInsightStore::turn, from.toEpochMilli(), to.toEpochMilli());
    }

    @Override
    public List<BotTurn> picks(String language, String entryId) {
        return jdbc.list(TURN_COLUMNS + "WHERE language = ? AND chosen_entry = ? ORDER BY created_at, conversation_id, question_seq",
                JdbcInsightStore::turn, language, entryId);
    }

    private static BotTurn turn(ResultSet r) throws java.sql.SQLException {
        return new BotTurn(r.getString(1), r.getLong(2), r.getString(3), r.getString(4), r.getString(5),
                r.getString(6), r.getString(7), r.getString(8), doubleOrNull(r, 9), doubleOrNull(r, 10),
                doubleOrNull(r, 11), feedback(r), r.getString(13), Instant.ofEpochMilli(r.getLong(14)));
    }

    @Override
    public List<ConversationFacts> conversations(Instant from, Instant to) {
        // The first hand-off of each conversation: its reason is in the event's JSON detail.
        Map<String, FirstHandoff> handoffs = new HashMap<>();
        jdbc.list("SELECT e.conversation_id, e.detail, e.created_at FROM events e JOIN conversations c ON c.id = e.conversation_id "
                        + "WHERE e.type = 'handoff' AND c.created_at >= ? AND c.created_at < ? ORDER BY e.created_at DESC",
                r -> handoffs.put(r.getString(1), new FirstHandoff(reason(r.getString(2)), Instant.ofEpochMilli(r.getLong(3)))),
                from.toEpochMilli(), to.toEpochMilli());
        return jdbc.list("SELECT id, created_at, COALESCE(language, locale), first_response_at, resolution, rating "
                        + "FROM conversations WHERE created_at >= ? AND created_at < ? ORDER BY created_at, id",
                r -> {
                    FirstHandoff first = handoffs.get(r.getString(1));
                    long responded = r.getLong(4);
                    Instant firstResponse = r.wasNull() ? null : Instant.ofEpochMilli(responded);
                    int rating = r.getInt(6);
                    Integer rated = r.wasNull() ? null : rating;
                    return new ConversationFacts(r.getString(1), Instant.ofEpochMilli(r.getLong(2)), r.getString(3),
                            first == null ? null : first.reason(), first == null ? null : first.at(), firstResponse,
                            r.getString(5), rated);
                },
                from.toEpochMilli(), to.toEpochMilli());
    }

    private record FirstHandoff(String reason, Instant at) {}

    private static String reason(String detailJson) {
        try {
            return JSON.readTree(detailJson).path("reason").asText("unknown");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return "unknown";
        }
    }

    private static void setDouble(PreparedStatement s, int index, Double value) throws java.sql.SQLException {
        if (value == null || value.isNaN()) s.setNull(index, Types.DOUBLE); else s.setDouble(index, value);
    }

    private static Double doubleOrNull(ResultSet r, int index) throws java.sql.SQLException {
        double value = r.getDouble(index);
        return r.wasNull() ? null : value;
    }

    private static Boolean feedback(ResultSet r) throws java.sql.SQLException {
        int value = r.getInt(12);
        return r.wasNull() ? null : value == 1;
    }
}
