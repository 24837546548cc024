package dev.babeldesk.handoff;

import at.favre.lib.crypto.bcrypt.BCrypt;
import dev.babeldesk.conversation.Tokens;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Agent accounts, logins and sessions. Passwords are kept as bcrypt hashes, session tokens as SHA-256 hashes. */
public final class AgentService {
    static final int BCRYPT_COST = 12;
    static final int MIN_PASSWORD_LENGTH = 10;
    /**
     * Compared against when the email is unknown, so a wrong email costs as long as a wrong password.
     * A constant (the hash of "not a password" at {@link #BCRYPT_COST}): hashing it at start-up took
     * a core for about a second while the models were loading.
     */
    static final String DUMMY_HASH = "$2a$12$r9u/lpDnaozUCMah2Kpxme/CBQPgieWh4mtotbh2HGsS/c7itbz72";

    private final AgentStore store;
    private final Clock clock;
    private final Duration sessionLength;
    private final LoginThrottle throttle;

    public AgentService(AgentStore store, Clock clock, Duration sessionLength) {
        this.store = store;
        this.clock = clock;
        this.sessionLength = sessionLength;
        this.throttle = new LoginThrottle(store, clock);
    }

    /** A successful login: the agent and the session token (given to the browser once, as a cookie). */
    public record Login(Agent agent, String token, Instant expiresAt) {}

    /** Why a login failed; deliberately the same for a wrong email and a wrong password. */
    public enum Refusal { WRONG_CREDENTIALS, TOO_MANY_ATTEMPTS }

    public static final class LoginRefused extends Exception {
        private final Refusal reason;

        LoginRefused(Refusal reason) {
            super(reason.name());
            this.reason = reason;
        }

        public Refusal reason() {
            return reason;
        }
    }

    public Agent create(String email, String name, List<String> languages, int capacity, Role role, String password) {
        String normalized = email.strip().toLowerCase(Locale.ROOT);
        if (!normalized.matches("[^@\\s]+@[^@\\s]+")) throw new IllegalArgumentException("'" + email + "' is not an email address");
        if (name.isBlank()) throw new IllegalArgumentException("the name must not be empty");
        if (capacity < 1) throw new IllegalArgumentException("capacity must be at least 1");
        if (capacity > MAX_CAPACITY) throw new IllegalArgumentException("capacity must be 1 to " + MAX_CAPACITY);
        checkPassword(password);
        return store.create(normalized, name.strip(), languages(languages), capacity, role, hash(password));
    }

    public Login login(String email, String password, String address) throws LoginRefused {
        String normalized = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        String accountKey = "account:" + normalized;
        String addressKey = "address:" + address;
        if (throttle.blocked(accountKey, addressKey)) throw new LoginRefused(Refusal.TOO_MANY_ATTEMPTS);
        Optional<Agent> agent = store.findByEmail(normalized);
        String hash = agent.flatMap(a -> store.passwordHash(a.id())).orElse(DUMMY_HASH);
        boolean ok = BCrypt.verifyer().verify((password == null ? "" : password).toCharArray(), hash).verified;
        if (agent.isEmpty() || !ok || !agent.get().active()) {
            throttle.failed(accountKey, addressKey);
            throw new LoginRefused(Refusal.WRONG_CREDENTIALS);
        }
        String token = Tokens.newToken();
        Instant expires = clock.instant().plus(sessionLength);
        store.createSession(Tokens.hash(token), agent.get().id(), expires);
        return new Login(agent.get(), token, expires);
    }

    /** The agent of a valid, unexpired session token. */
    public Optional<Agent> authenticate(String token) {
        if (token == null || token.isBlank()) return Optional.empty();
        return store.agentOfSession(Tokens.hash(token), clock.instant());
    }

    public void logout(String token) {
        if (token != null) store.deleteSession(Tokens.hash(token));
    }

    public List<Agent> agents() {
        return store.all();
    }

    /** What an admin changes of an account; null leaves a field as it is. */
    public record Changes(String name, List<String> languages, Integer capacity, Role role, Boolean active) {}

    /**
     * An admin changes an agent's account. Deactivating ends the agent's sessions. Refused with an
     * {@link IllegalStateException} when it would leave the shop without an active admin, or when
     * admins would deactivate or demote themselves (another admin must, so nobody locks
     * themselves out by a slip).
     *
     * @throws IllegalArgumentException for a bad value
     */
    public Optional<Agent> update(Agent by, String id, Changes changes) {
        Optional<Agent> found = store.findById(id);
        if (found.isEmpty()) return Optional.empty();
        Agent old = found.get();
        String name = changes.name() == null ? old.name() : changes.name().strip();
        if (name.isEmpty() || name.length() > 200) throw new IllegalArgumentException("the name must have 1 to 200 characters");
        int capacity = changes.capacity() == null ? old.capacity() : changes.capacity();
        if (capacity < 1 || capacity > MAX_CAPACITY) throw new IllegalArgumentException("capacity must be 1 to " + MAX_CAPACITY);
        List<String> languages = changes.languages() == null ? old.languages() : languages(changes.languages());
        Role role = changes.role() == null ? old.role() : changes.role();
        boolean active = changes.active() == null ? old.active() : changes.active();
        boolean stopsBeingAdmin = old.role() == Role.ADMIN && old.active() && (role != Role.ADMIN || !active);
        if (stopsBeingAdmin && by.id().equals(id)) {
            throw new IllegalStateException("you cannot deactivate or demote yourself; another admin can");
        }
        if (stopsBeingAdmin && store.all().stream().noneMatch(a -> a.active() && a.role() == Role.ADMIN && !a.id().equals(id))) {
            throw new IllegalStateException("the shop would have no active admin left");
        }
        Optional<Agent> updated = store.update(id, name, languages, capacity, role, active);
        if (!active) store.deleteSessions(id, null);
        return updated;
    }

    /** An admin sets a new password for an agent (who forgot theirs); every session of the agent ends. */
    public boolean resetPassword(String id, String password) {
        checkPassword(password);
        if (store.findById(id).isEmpty()) return false;
        store.setPasswordHash(id, hash(password));
        store.deleteSessions(id, null);
        return true;
    }

    /**
     * Agents change their own password, giving the current one (a session left open on a shared
     * computer must not be enough). Their other sessions end; this one goes on. Wrong guesses
     * count against the account like failed logins.
     */
    public void changePassword(Agent agent, String sessionToken, String current, String next) throws LoginRefused {
        checkPassword(next);
        String accountKey = "account:" + agent.email();
        if (throttle.blocked(accountKey)) throw new LoginRefused(Refusal.TOO_MANY_ATTEMPTS);
        String hash = store.passwordHash(agent.id()).orElse(DUMMY_HASH);
        if (!BCrypt.verifyer().verify((current == null ? "" : current).toCharArray(), hash).verified) {
            throttle.failed(accountKey);
            throw new LoginRefused(Refusal.WRONG_CREDENTIALS);
        }
        store.setPasswordHash(agent.id(), hash(next));
        store.deleteSessions(agent.id(), Tokens.hash(sessionToken));
    }

    static final int MAX_CAPACITY = 50;

    private static void checkPassword(String password) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            throw new IllegalArgumentException("the password must have at least " + MIN_PASSWORD_LENGTH + " characters");
        }
    }

    private static String hash(String password) {
        return BCrypt.withDefaults().hashToString(BCRYPT_COST, password.toCharArray());
    }

    /** Language tags as an admin writes them ("en, de-AT"), checked like the knowledge base's language folders. */
    public static List<String> languages(List<String> tags) {
        List<String> out = new java.util.ArrayList<>();
        for (String tag : tags) {
            String t = tag.strip();
            if (t.isEmpty()) continue;
            out.add(dev.babeldesk.knowledge.LanguageTags.canonical(t).orElseThrow(
                    () -> new IllegalArgumentException("'" + t + "' is not a language tag such as en or pt-BR")));
        }
        return List.copyOf(out);
    }
}
