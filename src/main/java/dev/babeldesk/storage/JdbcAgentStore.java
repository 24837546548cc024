package dev.babeldesk.storage;

import dev.babeldesk.handoff.Agent;
import dev.babeldesk.handoff.AgentStore;
import dev.babeldesk.handoff.Role;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Agents and sessions over JDBC, in the conversations' database. */
public final class JdbcAgentStore implements AgentStore {
    private static final String COLUMNS = "a.id, a.email, a.name, a.languages, a.capacity, a.role";

    private final DataSource dataSource;
    private final Clock clock;

    public JdbcAgentStore(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    @Override
    public Agent create(String email, String name, List<String> languages, int capacity, Role role, String passwordHash) {
        String id = "a_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("INSERT INTO agents (id, email, name, languages, capacity, role, "
                     + "password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, id);
            s.setString(2, email);
            s.setString(3, name);
            s.setString(4, String.join(",", languages));
            s.setInt(5, capacity);
            s.setString(6, role.name());
            s.setString(7, passwordHash);
            s.setLong(8, clock.millis());
            s.executeUpdate();
        } catch (SQLException e) {
            if (findByEmail(email).isPresent()) throw new IllegalArgumentException("an agent with " + email + " exists already");
            throw new StorageException("creating an agent failed", e);
        }
        return new Agent(id, email, name, languages, capacity, role);
    }

    @Override
    public Optional<Agent> findByEmail(String email) {
        return one("SELECT " + COLUMNS + " FROM agents a WHERE a.email = ?", email);
    }

    @Override
    public Optional<Agent> findById(String id) {
        return one("SELECT " + COLUMNS + " FROM agents a WHERE a.id = ?", id);
    }

    @Override
    public Optional<String> passwordHash(String agentId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT password_hash FROM agents WHERE id = ?")) {
            s.setString(1, agentId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StorageException("reading an agent failed", e);
        }
    }

    @Override
    public List<Agent> all() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM agents a ORDER BY a.name");
             ResultSet r = s.executeQuery()) {
            List<Agent> out = new ArrayList<>();
            while (r.next()) out.add(agent(r));
            return out;
        } catch (SQLException e) {
            throw new StorageException("listing agents failed", e);
        }
    }

    @Override
    public void createSession(String tokenHash, String agentId, Instant expiresAt) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement purge = c.prepareStatement("DELETE FROM agent_sessions WHERE expires_at < ?")) {
                purge.setLong(1, clock.millis());
                purge.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO agent_sessions (token_hash, agent_id, created_at, expires_at) VALUES (?, ?, ?, ?)")) {
                s.setString(1, tokenHash);
                s.setString(2, agentId);
                s.setLong(3, clock.millis());
                s.setLong(4, expiresAt.toEpochMilli());
                s.executeUpdate();
            }
        } catch (SQLException e) {
            throw new StorageException("creating a session failed", e);
        }
    }

    @Override
    public Optional<Agent> agentOfSession(String tokenHash, Instant now) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM agent_sessions x JOIN agents a "
                     + "ON a.id = x.agent_id WHERE x.token_hash = ? AND x.expires_at > ?")) {
            s.setString(1, tokenHash);
            s.setLong(2, now.toEpochMilli());
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(agent(r)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StorageException("reading a session failed", e);
        }
    }

    @Override
    public void deleteSession(String tokenHash) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("DELETE FROM agent_sessions WHERE token_hash = ?")) {
            s.setString(1, tokenHash);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new StorageException("ending a session failed", e);
        }
    }

    private Optional<Agent> one(String sql, String value) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, value);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(agent(r)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StorageException("reading an agent failed", e);
        }
    }

    private static Agent agent(ResultSet r) throws SQLException {
        List<String> languages = r.getString(4).isBlank() ? List.of() : Arrays.asList(r.getString(4).split(","));
        return new Agent(r.getString(1), r.getString(2), r.getString(3), languages, r.getInt(5), Role.valueOf(r.getString(6)));
    }
}
