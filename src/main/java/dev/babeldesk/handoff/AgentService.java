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
        this.throttle = new LoginThrottle(clock);
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
        if (password.length() < MIN_PASSWORD_LENGTH) {
            throw new IllegalArgumentException("the password must have at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        String hash = BCrypt.withDefaults().hashToString(BCRYPT_COST, password.toCharArray());
        return store.create(normalized, name.strip(), languages, capacity, role, hash);
    }

    public Login login(String email, String password, String address) throws LoginRefused {
        String normalized = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        String accountKey = "account:" + normalized;
        String addressKey = "address:" + address;
        if (throttle.blocked(accountKey, addressKey)) throw new LoginRefused(Refusal.TOO_MANY_ATTEMPTS);
        Optional<Agent> agent = store.findByEmail(normalized);
        String hash = agent.flatMap(a -> store.passwordHash(a.id())).orElse(DUMMY_HASH);
        boolean ok = BCrypt.verifyer().verify((password == null ? "" : password).toCharArray(), hash).verified;
        if (agent.isEmpty() || !ok) {
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
}
