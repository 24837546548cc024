package dev.babeldesk.storage;

import dev.babeldesk.handoff.Agent;
import dev.babeldesk.handoff.AgentStore;
import dev.babeldesk.handoff.Role;

import javax.sql.DataSource;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Agents and sessions over JDBC, in the conversations' database. */
public final class JdbcAgentStore implements AgentStore {
    private static final String COLUMNS = "a.id, a.email, a.name, a.languages, a.capacity, a.role, a.active";

    private final Jdbc jdbc;
    private final Clock clock;

    public JdbcAgentStore(DataSource dataSource, Clock clock) {
        this.jdbc = new Jdbc(dataSource, "agents");
        this.clock = clock;
    }

    @Override
    public Agent create(String email, String name, List<String> languages, int capacity, Role role, String passwordHash) {
        String id = "a_" + UUID.randomUUID().toString().replace("-", "");
        try {
            jdbc.update("INSERT INTO agents (id, email, name, languages, capacity, role, password_hash, created_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", id, email, name, String.join(",", languages), capacity, role.name(),
                    passwordHash, clock.millis());
        } catch (StorageException e) {
            if (findByEmail(email).isPresent()) throw new IllegalArgumentException("an agent with " + email + " exists already");
            throw e;
        }
        return new Agent(id, email, name, languages, capacity, role, true);
    }

    @Override
    public Optional<Agent> update(String id, String name, List<String> languages, int capacity, Role role, boolean active) {
        jdbc.update("UPDATE agents SET name = ?, languages = ?, capacity = ?, role = ?, active = ? WHERE id = ?",
                name, String.join(",", languages), capacity, role.name(), active ? 1 : 0, id);
        return findById(id);
    }

    @Override
    public void setPasswordHash(String agentId, String passwordHash) {
        jdbc.update("UPDATE agents SET password_hash = ? WHERE id = ?", passwordHash, agentId);
    }

    @Override
    public void deleteSessions(String agentId, String exceptTokenHash) {
        jdbc.update("DELETE FROM agent_sessions WHERE agent_id = ? AND token_hash <> ?", agentId,
                exceptTokenHash == null ? "" : exceptTokenHash);
    }

    @Override
    public Optional<Agent> findByEmail(String email) {
        return first(jdbc.list("SELECT " + COLUMNS + " FROM agents a WHERE a.email = ?", JdbcAgentStore::agent, email));
    }

    @Override
    public Optional<Agent> findById(String id) {
        return first(jdbc.list("SELECT " + COLUMNS + " FROM agents a WHERE a.id = ?", JdbcAgentStore::agent, id));
    }

    @Override
    public Optional<String> passwordHash(String agentId) {
        return first(jdbc.list("SELECT password_hash FROM agents WHERE id = ?", r -> r.getString(1), agentId));
    }

    @Override
    public List<Agent> all() {
        return jdbc.list("SELECT " + COLUMNS + " FROM agents a ORDER BY a.name", JdbcAgentStore::agent);
    }

    @Override
    public void createSession(String tokenHash, String agentId, Instant expiresAt) {
        jdbc.write(c -> {
            try (var purge = c.prepareStatement("DELETE FROM agent_sessions WHERE expires_at < ?")) {
                purge.setLong(1, clock.millis());
                purge.executeUpdate();
            }
            try (var s = c.prepareStatement(
                    "INSERT INTO agent_sessions (token_hash, agent_id, created_at, expires_at) VALUES (?, ?, ?, ?)")) {
                s.setString(1, tokenHash);
                s.setString(2, agentId);
                s.setLong(3, clock.millis());
                s.setLong(4, expiresAt.toEpochMilli());
                s.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Optional<Agent> agentOfSession(String tokenHash, Instant now) {
        return first(jdbc.list("SELECT " + COLUMNS + " FROM agent_sessions x JOIN agents a ON a.id = x.agent_id "
                + "WHERE x.token_hash = ? AND x.expires_at > ? AND a.active = 1", JdbcAgentStore::agent, tokenHash, now.toEpochMilli()));
    }

    @Override
    public void deleteSession(String tokenHash) {
        jdbc.update("DELETE FROM agent_sessions WHERE token_hash = ?", tokenHash);
    }

    @Override
    public void recordLoginFailure(List<String> keyHashes, Instant at, Instant forgetBefore) {
        jdbc.write(c -> {
            try (var purge = c.prepareStatement("DELETE FROM login_failures WHERE failed_at < ?")) {
                purge.setLong(1, forgetBefore.toEpochMilli());
                purge.executeUpdate();
            }
            try (var s = c.prepareStatement("INSERT INTO login_failures (key_hash, failed_at) VALUES (?, ?)")) {
                for (String key : keyHashes) {
                    s.setString(1, key);
                    s.setLong(2, at.toEpochMilli());
                    s.addBatch();
                }
                s.executeBatch();
            }
            return null;
        });
    }

    @Override
    public int loginFailures(String keyHash, Instant since) {
        return jdbc.list("SELECT COUNT(*) FROM login_failures WHERE key_hash = ? AND failed_at > ?", r -> r.getInt(1),
                keyHash, since.toEpochMilli()).get(0);
    }

    private static <T> Optional<T> first(List<T> rows) {
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    private static Agent agent(ResultSet r) throws SQLException {
        List<String> languages = r.getString(4).isBlank() ? List.of() : Arrays.asList(r.getString(4).split(","));
        return new Agent(r.getString(1), r.getString(2), r.getString(3), languages, r.getInt(5), Role.valueOf(r.getString(6)),
                r.getInt(7) == 1);
    }
}
