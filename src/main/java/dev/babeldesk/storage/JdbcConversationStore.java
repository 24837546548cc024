package dev.babeldesk.storage;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.babeldesk.conversation.ChatMessage;
import dev.babeldesk.conversation.Conversation;
import dev.babeldesk.conversation.ConversationState;
import dev.babeldesk.conversation.ConversationStore;
import dev.babeldesk.conversation.ShopperIdentity;
import dev.babeldesk.photo.Photo;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The conversation store over JDBC. Appends take the conversation's row first (an UPDATE of its
 * last seq), so concurrent appends to one conversation get consecutive numbers on PostgreSQL as
 * on SQLite; a lock in the process additionally keeps SQLite's single writer from busy-waiting.
 */
public final class JdbcConversationStore implements ConversationStore {
    private final Jdbc jdbc;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    public JdbcConversationStore(DataSource dataSource, Clock clock) {
        this.jdbc = new Jdbc(dataSource, "conversations");
        this.clock = clock;
    }

    @Override
    public Conversation create(String resumeTokenHash, String locale, String page) {
        String id = "c_" + UUID.randomUUID().toString().replace("-", "");
        long now = clock.millis();
        jdbc.write(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO conversations (id, resume_token_hash, state, locale, page, "
                    + "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                s.setString(1, id);
                s.setString(2, resumeTokenHash);
                s.setString(3, ConversationState.BOT.name());
                s.setString(4, truncate(locale, 35));
                s.setString(5, truncate(page, 2048));
                s.setLong(6, now);
                s.setLong(7, now);
                s.executeUpdate();
            }
            return null;
        });
        return find(id).orElseThrow();
    }

    @Override
    public Optional<Conversation> findByResumeTokenHash(String hash) {
        return conversationWhere("resume_token_hash = ?", hash);
    }

    @Override
    public Optional<Conversation> find(String conversationId) {
        return conversationWhere("id = ?", conversationId);
    }

    private Optional<Conversation> conversationWhere(String condition, String value) {
        return jdbc.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + CONVERSATION_COLUMNS + " FROM conversations WHERE " + condition)) {
                s.setString(1, value);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(conversation(r)) : Optional.empty();
                }
            }
        });
    }

    private static final String CONVERSATION_COLUMNS =
            "id, state, language, locale, page, handoff_reason, agent_id, waiting_since, created_at, updated_at, read_seq";

    private static Conversation conversation(ResultSet r) throws SQLException {
        long waiting = r.getLong(8);
        return new Conversation(r.getString(1), ConversationState.valueOf(r.getString(2)), r.getString(3), r.getString(4),
                r.getString(5), r.getString(6), r.getString(7), r.wasNull() || waiting == 0 ? null : Instant.ofEpochMilli(waiting),
                Instant.ofEpochMilli(r.getLong(9)), Instant.ofEpochMilli(r.getLong(10)), r.getLong(11));
    }

    @Override
    public List<Conversation> inState(ConversationState state) {
        return jdbc.list("SELECT " + CONVERSATION_COLUMNS + " FROM conversations WHERE state = ? ORDER BY waiting_since, created_at",
                JdbcConversationStore::conversation, state.name());
    }

    @Override
    public List<Conversation> assignedTo(String agentId) {
        return jdbc.list("SELECT " + CONVERSATION_COLUMNS
                + " FROM conversations WHERE state = 'AGENT' AND agent_id = ? ORDER BY assigned_at",
                JdbcConversationStore::conversation, agentId);
    }

    @Override
    public Assignment assign(String conversationId, String agentId, int capacity) {
        long now = clock.millis();
        return jdbc.write(c -> {
            try (PreparedStatement count = c.prepareStatement(
                    "SELECT COUNT(*) FROM conversations WHERE state = 'AGENT' AND agent_id = ?")) {
                count.setString(1, agentId);
                try (ResultSet r = count.executeQuery()) {
                    r.next();
                    if (r.getInt(1) >= capacity) return Assignment.AT_CAPACITY;
                }
            }
            // Only one UPDATE can move the row out of WAITING: two agents clicking at once, one wins.
            try (PreparedStatement s = c.prepareStatement("UPDATE conversations SET state = 'AGENT', agent_id = ?, "
                    + "assigned_at = ?, updated_at = ? WHERE id = ? AND state = 'WAITING'")) {
                s.setString(1, agentId);
                s.setLong(2, now);
                s.setLong(3, now);
                s.setString(4, conversationId);
                return s.executeUpdate() == 1 ? Assignment.ASSIGNED : Assignment.NOT_WAITING;
            }
        });
    }

    @Override
    public boolean reassign(String conversationId, String fromAgentId, String toAgentId) {
        return update("UPDATE conversations SET agent_id = ?, assigned_at = ?, updated_at = ? "
                + "WHERE id = ? AND state = 'AGENT' AND agent_id = ?", toAgentId, clock.millis(), clock.millis(),
                conversationId, fromAgentId);
    }

    @Override
    public boolean release(String conversationId, String agentId, ConversationState to) {
        long now = clock.millis();
        return update("UPDATE conversations SET state = ?, agent_id = NULL, updated_at = ?, waiting_since = ? "
                + "WHERE id = ? AND state = 'AGENT' AND agent_id = ?", to.name(), now,
                to == ConversationState.WAITING ? now : null, conversationId, agentId);
    }

    @Override
    public boolean closeByAgent(String conversationId, String agentId, String resolution, String note) {
        long now = clock.millis();
        return update("UPDATE conversations SET state = 'CLOSED', closed_at = ?, updated_at = ?, resolution = ?, "
                + "resolution_note = ? WHERE id = ? AND state = 'AGENT' AND agent_id = ?", now, now, resolution,
                truncate(note, 2000), conversationId, agentId);
    }

    @Override
    public void markFirstResponse(String conversationId) {
        update("UPDATE conversations SET first_response_at = ? WHERE id = ? AND first_response_at IS NULL",
                clock.millis(), conversationId);
    }

    @Override
    public Timings timings(String conversationId) {
        return jdbc.read(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT waiting_since, assigned_at, first_response_at FROM conversations WHERE id = ?")) {
                s.setString(1, conversationId);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) return new Timings(null, null, null);
                    return new Timings(instant(r, 1), instant(r, 2), instant(r, 3));
                }
            }
        });
    }

    private static Instant instant(ResultSet r, int column) throws SQLException {
        long millis = r.getLong(column);
        return r.wasNull() ? null : Instant.ofEpochMilli(millis);
    }

    @Override
    public boolean rate(String conversationId, int score, String comment) {
        return update("UPDATE conversations SET rating = ?, rating_comment = ? WHERE id = ? AND state = 'CLOSED' "
                + "AND rating IS NULL", score, truncate(comment, 2000), conversationId);
    }

    private boolean update(String sql, Object... values) {
        return jdbc.update(sql, values) == 1;
    }

    @Override
    public Appended append(String conversationId, ChatMessage draft) {
        return jdbc.write(c -> append(c, conversationId, draft));
    }

    @Override
    public Optional<Appended> appendPhoto(String conversationId, ChatMessage draft, Photo photo, int limit) {
        return jdbc.write(c -> {
            // Lock the conversation's row first (PostgreSQL; SQLite writes one at a time anyway): two uploads at
            // the same moment then count one after the other.
            try (PreparedStatement s = c.prepareStatement("UPDATE conversations SET updated_at = updated_at WHERE id = ?")) {
                s.setString(1, conversationId);
                s.executeUpdate();
            }
            Optional<ChatMessage> resent = resent(c, conversationId, draft);
            if (resent.isPresent()) return Optional.of(new Appended(resent.get(), false)); // the first upload's picture stays
            try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM photos WHERE conversation_id = ?")) {
                s.setString(1, conversationId);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    if (r.getInt(1) >= limit) return Optional.empty();
                }
            }
            ChatMessage stored = insert(c, conversationId, draft);
            try (PreparedStatement s = c.prepareStatement("INSERT INTO photos (id, conversation_id, mime, width, height, data, "
                    + "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                s.setString(1, photo.id());
                s.setString(2, conversationId);
                s.setString(3, photo.mime());
                s.setInt(4, photo.width());
                s.setInt(5, photo.height());
                s.setBytes(6, photo.bytes());
                s.setLong(7, stored.at().toEpochMilli());
                s.executeUpdate();
            }
            return Optional.of(new Appended(stored, true));
        });
    }

    @Override
    public Optional<Photo> photo(String photoId) {
        return jdbc.list("SELECT id, conversation_id, mime, width, height, data FROM photos WHERE id = ?",
                JdbcConversationStore::photoRow, photoId).stream().findFirst();
    }

    @Override
    public List<Photo> photos(String conversationId) {
        return jdbc.list("SELECT id, conversation_id, mime, width, height, data FROM photos WHERE conversation_id = ? "
                + "ORDER BY created_at, id", JdbcConversationStore::photoRow, conversationId);
    }

    @Override
    public int photoCount(String conversationId) {
        return jdbc.list("SELECT COUNT(*) FROM photos WHERE conversation_id = ?", r -> r.getInt(1), conversationId).get(0);
    }

    @Override
    public void recordMailThread(String tokenHash, String conversationId, String address) {
        jdbc.update("INSERT INTO mail_threads (token_hash, conversation_id, address, created_at) VALUES (?, ?, ?, ?)",
                tokenHash, conversationId, truncate(address, 320), clock.millis());
    }

    @Override
    public Optional<MailThread> mailThread(String tokenHash) {
        return jdbc.list("SELECT conversation_id, address FROM mail_threads WHERE token_hash = ?",
                r -> new MailThread(r.getString(1), r.getString(2)), tokenHash).stream().findFirst();
    }

    private static Photo photoRow(ResultSet r) throws SQLException {
        return new Photo(r.getString(1), r.getString(2), r.getString(3), r.getInt(4), r.getInt(5), r.getBytes(6));
    }

    private Appended append(Connection c, String conversationId, ChatMessage draft) throws Exception {
        Optional<ChatMessage> resent = resent(c, conversationId, draft);
        return resent.isPresent() ? new Appended(resent.get(), false) : new Appended(insert(c, conversationId, draft), true);
    }

    /** The message stored earlier under the draft's client id, if the client sent it before. */
    private Optional<ChatMessage> resent(Connection c, String conversationId, ChatMessage draft) throws Exception {
        return draft.clientId() == null ? Optional.empty() : messageWhere(c, conversationId, "client_id = ?", draft.clientId());
    }

    /** Stores the draft with the conversation's next seq. */
    private ChatMessage insert(Connection c, String conversationId, ChatMessage draft) throws Exception {
        long now = clock.millis();
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE conversations SET last_seq = last_seq + 1, updated_at = ? WHERE id = ?")) {
            s.setLong(1, now);
            s.setString(2, conversationId);
            if (s.executeUpdate() != 1) throw new SQLException("no conversation " + conversationId);
        }
        long seq;
        try (PreparedStatement s = c.prepareStatement("SELECT last_seq FROM conversations WHERE id = ?")) {
            s.setString(1, conversationId);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                seq = r.getLong(1);
            }
        }
        ChatMessage stored = draft.asStored(conversationId, seq, Instant.ofEpochMilli(now));
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO messages (conversation_id, seq, sender, client_id, body, created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            s.setString(1, conversationId);
            s.setLong(2, seq);
            s.setString(3, stored.sender().name());
            s.setString(4, stored.clientId());
            s.setString(5, json.writeValueAsString(stored));
            s.setLong(6, now);
            s.executeUpdate();
        }
        return stored;
    }

    @Override
    public List<ChatMessage> messagesAfter(String conversationId, long seq) {
        return jdbc.list("SELECT body FROM messages WHERE conversation_id = ? AND seq > ? ORDER BY seq",
                r -> json.readValue(r.getString(1), ChatMessage.class), conversationId, seq);
    }

    @Override
    public Optional<ChatMessage> message(String conversationId, long seq) {
        return jdbc.read(c -> messageWhere(c, conversationId, "seq = ?", seq));
    }

    @Override
    public Optional<ChatMessage> messageByClientId(String conversationId, String clientId) {
        return jdbc.read(c -> messageWhere(c, conversationId, "client_id = ?", clientId));
    }

    private Optional<ChatMessage> messageWhere(Connection c, String conversationId, String condition, Object value) throws Exception {
        try (PreparedStatement s = c.prepareStatement("SELECT body FROM messages WHERE conversation_id = ? AND " + condition)) {
            s.setString(1, conversationId);
            s.setObject(2, value);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(json.readValue(r.getString(1), ChatMessage.class)) : Optional.empty();
            }
        }
    }

    @Override
    public boolean transition(String conversationId, ConversationState from, ConversationState to, String handoffReason) {
        long now = clock.millis();
        return jdbc.write(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE conversations SET state = ?, updated_at = ?, "
                    + "handoff_reason = COALESCE(?, handoff_reason), waiting_since = ? WHERE id = ? AND state = ?")) {
                s.setString(1, to.name());
                s.setLong(2, now);
                s.setString(3, handoffReason);
                if (to == ConversationState.WAITING) s.setLong(4, now); else s.setNull(4, java.sql.Types.BIGINT);
                s.setString(5, conversationId);
                s.setString(6, from.name());
                return s.executeUpdate() == 1;
            }
        });
    }

    @Override
    public void setLanguage(String conversationId, String language) {
        jdbc.write(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE conversations SET language = ? WHERE id = ?")) {
                s.setString(1, language);
                s.setString(2, conversationId);
                s.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public boolean markRead(String conversationId, long seq) {
        return 1 == jdbc.update("UPDATE conversations SET read_seq = ? WHERE id = ? AND read_seq < ? AND last_seq >= ?",
                seq, conversationId, seq, seq);
    }

    @Override
    public List<UnreadReplies> unreadReplies(Instant writtenFrom, Instant writtenUntil, int limit) {
        return jdbc.list("SELECT c.id, c.read_seq, c.mailed_seq, MAX(m.seq) FROM messages m JOIN conversations c ON c.id = m.conversation_id "
                        + "WHERE m.sender = 'AGENT' AND m.created_at >= ? AND m.created_at <= ? AND m.seq > c.read_seq AND m.seq > c.mailed_seq "
                        + "GROUP BY c.id, c.read_seq, c.mailed_seq ORDER BY MIN(m.created_at) LIMIT ?",
                r -> new UnreadReplies(r.getString(1), r.getLong(2), r.getLong(3), r.getLong(4)),
                writtenFrom.toEpochMilli(), writtenUntil.toEpochMilli(), limit);
    }

    @Override
    public boolean moveMailedMark(String conversationId, long from, long to) {
        return update("UPDATE conversations SET mailed_seq = ? WHERE id = ? AND mailed_seq = ?", to, conversationId, from);
    }

    @Override
    public void setIdentity(String conversationId, ShopperIdentity identity) {
        jdbc.write(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE conversations SET shopper_id = ?, shopper_email = ?, "
                    + "shopper_name = ?, shopper_verified = ? WHERE id = ?")) {
                s.setString(1, truncate(identity.id(), 200));
                s.setString(2, truncate(identity.email(), 320));
                s.setString(3, truncate(identity.name(), 200));
                s.setInt(4, identity.verified() ? 1 : 0);
                s.setString(5, conversationId);
                s.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Optional<ShopperIdentity> identity(String conversationId) {
        return jdbc.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT shopper_id, shopper_email, shopper_name, shopper_verified "
                    + "FROM conversations WHERE id = ?")) {
                s.setString(1, conversationId);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? identity(r, 1) : Optional.empty();
                }
            }
        });
    }

    /** The shopper's identity in four columns from {@code first} on (id, email, name, verified); empty when none was given. */
    private static Optional<ShopperIdentity> identity(ResultSet r, int first) throws SQLException {
        String id = r.getString(first);
        String email = r.getString(first + 1);
        String name = r.getString(first + 2);
        if (id == null && email == null && name == null) return Optional.empty();
        return Optional.of(new ShopperIdentity(id, email, name, r.getInt(first + 3) == 1));
    }

    @Override
    public void recordEvent(String conversationId, String type, String detailJson) {
        jdbc.write(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO events (id, conversation_id, type, detail, created_at) VALUES (?, ?, ?, ?, ?)")) {
                s.setString(1, UUID.randomUUID().toString());
                s.setString(2, conversationId);
                s.setString(3, type);
                s.setString(4, detailJson);
                s.setLong(5, clock.millis());
                s.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public List<String> events(String conversationId, String type) {
        return jdbc.list("SELECT detail FROM events WHERE conversation_id = ? AND type = ? ORDER BY created_at, id",
                r -> r.getString(1), conversationId, type);
    }

    @Override
    public int queuePosition(String conversationId) {
        return jdbc.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM conversations w, conversations me "
                    + "WHERE me.id = ? AND me.state = 'WAITING' AND w.state = 'WAITING' AND w.waiting_since <= me.waiting_since")) {
                s.setString(1, conversationId);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? r.getInt(1) : 0;
                }
            }
        });
    }

    @Override
    public Optional<Rating> rating(String conversationId) {
        return jdbc.list("SELECT rating, rating_comment FROM conversations WHERE id = ? AND rating IS NOT NULL",
                r -> new Rating(r.getInt(1), r.getString(2)), conversationId).stream().findFirst();
    }

    /** Rows of messages looked at for a text, at most: the newest first. */
    private static final int TEXT_SCAN_LIMIT = 20_000;

    @Override
    public List<Found> findForShopper(String query, int minTextLength, int limit) {
        java.util.Map<String, String> matched = new java.util.LinkedHashMap<>();
        for (String[] row : jdbc.list("SELECT id, CASE WHEN id = ? THEN 'conversation' WHEN shopper_id = ? THEN 'shopper_id' "
                        + "ELSE 'email' END FROM conversations WHERE id = ? OR shopper_id = ? OR LOWER(shopper_email) = ? "
                        + "ORDER BY created_at DESC", r -> new String[] {r.getString(1), r.getString(2)},
                query, query, query, query, query.toLowerCase(java.util.Locale.ROOT))) {
            if (matched.size() < limit) matched.putIfAbsent(row[0], row[1]);
        }
        if (query.length() >= minTextLength && matched.size() < limit) {
            // The body is the message as JSON: the database narrows down, the decoded text decides (a
            // query like "text" is in every body's keys). SQLite's LOWER folds ASCII letters only, so
            // the query as typed is tried too.
            String needle = query.toLowerCase(java.util.Locale.ROOT);
            jdbc.read(c -> {
                try (PreparedStatement s = c.prepareStatement("SELECT conversation_id, body FROM messages WHERE sender = 'SHOPPER' "
                        + "AND (LOWER(body) LIKE ? ESCAPE '!' OR body LIKE ? ESCAPE '!') ORDER BY created_at DESC")) {
                    s.setString(1, "%" + likeEscaped(needle) + "%");
                    s.setString(2, "%" + likeEscaped(query) + "%");
                    s.setMaxRows(TEXT_SCAN_LIMIT);
                    try (ResultSet r = s.executeQuery()) {
                        while (matched.size() < limit && r.next()) {
                            String text = json.readValue(r.getString(2), ChatMessage.class).text();
                            if (text != null && text.toLowerCase(java.util.Locale.ROOT).contains(needle)) {
                                matched.putIfAbsent(r.getString(1), "text");
                            }
                        }
                    }
                }
                return null;
            });
        }
        List<Found> out = new ArrayList<>();
        // One read per conversation found: the conversation, the shopper's identity and the message count.
        matched.forEach((id, by) -> jdbc.list("SELECT " + CONVERSATION_COLUMNS + ", shopper_id, shopper_email, shopper_name, "
                        + "shopper_verified, (SELECT COUNT(*) FROM messages m WHERE m.conversation_id = conversations.id) "
                        + "FROM conversations WHERE id = ?",
                r -> new Found(conversation(r), identity(r, 12).orElse(null), r.getInt(16), by), id).forEach(out::add));
        out.sort(java.util.Comparator.comparing((Found f) -> f.conversation().createdAt()).reversed());
        return out;
    }

    private static String likeEscaped(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    @Override
    public boolean erase(String conversationId) {
        return jdbc.write(c -> {
            for (String table : List.of("events", "photos", "mail_threads", "messages")) {
                try (PreparedStatement s = c.prepareStatement("DELETE FROM " + table + " WHERE conversation_id = ?")) {
                    s.setString(1, conversationId);
                    s.executeUpdate();
                }
            }
            try (PreparedStatement s = c.prepareStatement("DELETE FROM conversations WHERE id = ?")) {
                s.setString(1, conversationId);
                return s.executeUpdate() == 1;
            }
        });
    }

    @Override
    public List<String> inactiveSince(Instant before, int limit) {
        return jdbc.list("SELECT id FROM conversations WHERE state IN ('BOT', 'CLOSED') AND updated_at < ? "
                + "ORDER BY updated_at LIMIT " + limit, r -> r.getString(1), before.toEpochMilli());
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
