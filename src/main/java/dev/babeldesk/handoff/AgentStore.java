package dev.babeldesk.handoff;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where agents and their sessions live (the conversations' database). */
public interface AgentStore {

    /** @throws IllegalArgumentException when the email is taken */
    Agent create(String email, String name, List<String> languages, int capacity, Role role, String passwordHash);

    Optional<Agent> findByEmail(String email);

    Optional<Agent> findById(String id);

    Optional<String> passwordHash(String agentId);

    List<Agent> all();

    void createSession(String tokenHash, String agentId, Instant expiresAt);

    /** The agent of a session that has not expired at {@code now}, if the agent is active. */
    Optional<Agent> agentOfSession(String tokenHash, Instant now);

    void deleteSession(String tokenHash);

    /** Changes an agent's details; empty when there is no such agent. */
    Optional<Agent> update(String id, String name, List<String> languages, int capacity, Role role, boolean active);

    void setPasswordHash(String agentId, String passwordHash);

    /** Ends every session of the agent but one (null: all of them). */
    void deleteSessions(String agentId, String exceptTokenHash);

    /** A failed login under each of these keys at {@code at}; failures before {@code forgetBefore} are forgotten. */
    void recordLoginFailure(List<String> keyHashes, Instant at, Instant forgetBefore);

    /** Failed logins under this key since {@code since}, on any node. */
    int loginFailures(String keyHash, Instant since);
}
