package dev.babeldesk.storage;

import dev.babeldesk.conversation.Tokens;
import dev.babeldesk.learning.LearnedPhrasing;
import dev.babeldesk.learning.LearningStore;

import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Decisions on shoppers' picks in the {@code learned_phrasings} table. */
public final class JdbcLearningStore implements LearningStore {
    /** PostgreSQL's SQLSTATE for a unique-key violation. */
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String COLUMNS = "id, language, entry_id, text, approved, decided_by, decided_at";

    private final Jdbc jdbc;

    public JdbcLearningStore(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource, "learned phrasings");
    }

    /**
     * Two nodes deciding on the same question at once both delete nothing, and the second insert
     * then hits the unique key. Done again, its delete sees the first decision, and the later
     * decision replaces it, as when they come one after the other. (SQLite has one writer at a
     * time, so only PostgreSQL gets here.)
     */
    @Override
    public LearnedPhrasing decide(LearnedPhrasing d) {
        try {
            return replace(d);
        } catch (StorageException e) {
            if (!(e.getCause() instanceof java.sql.SQLException sql) || !UNIQUE_VIOLATION.equals(sql.getSQLState())) throw e;
            return replace(d);
        }
    }

    private LearnedPhrasing replace(LearnedPhrasing d) {
        return jdbc.write(c -> {
            String textHash = Tokens.hash(d.text());
            // Delete and insert rather than an upsert: the same SQL on SQLite and PostgreSQL.
            try (PreparedStatement s = c.prepareStatement("DELETE FROM learned_phrasings WHERE language = ? AND entry_id = ? AND text_hash = ?")) {
                s.setString(1, d.language());
                s.setString(2, d.entryId());
                s.setString(3, textHash);
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO learned_phrasings (" + COLUMNS
                    + ", text_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                s.setString(1, d.id());
                s.setString(2, d.language());
                s.setString(3, d.entryId());
                s.setString(4, d.text());
                s.setInt(5, d.approved() ? 1 : 0);
                s.setString(6, d.decidedBy());
                s.setLong(7, d.decidedAt().toEpochMilli());
                s.setString(8, textHash);
                s.executeUpdate();
            }
            return d;
        });
    }

    @Override
    public List<LearnedPhrasing> all() {
        return jdbc.list("SELECT " + COLUMNS + " FROM learned_phrasings ORDER BY decided_at DESC, id", JdbcLearningStore::row);
    }

    @Override
    public Optional<LearnedPhrasing> remove(String id) {
        Optional<LearnedPhrasing> found = jdbc.list("SELECT " + COLUMNS + " FROM learned_phrasings WHERE id = ?",
                JdbcLearningStore::row, id).stream().findFirst();
        found.ifPresent(p -> jdbc.update("DELETE FROM learned_phrasings WHERE id = ?", id));
        return found;
    }

    private static LearnedPhrasing row(java.sql.ResultSet r) throws java.sql.SQLException {
        return new LearnedPhrasing(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getInt(5) == 1,
                r.getString(6), Instant.ofEpochMilli(r.getLong(7)));
    }
}
