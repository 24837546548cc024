package dev.babeldesk.handoff;

import dev.babeldesk.conversation.Tokens;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * Slows password guessing: after {@value #MAX_FAILURES} failed logins for one account or from
 * one address within {@value #WINDOW_MINUTES} minutes, further attempts are refused until the
 * window has passed, whether the password would have been right or not. The failures are kept in
 * the database, so several nodes behind a load balancer count them together (kept in each node's
 * memory, an attacker had five guesses per node), and a restart does not forget them.
 */
public final class LoginThrottle {
    static final int MAX_FAILURES = 5;
    static final int WINDOW_MINUTES = 15;
    private static final Duration WINDOW = Duration.ofMinutes(WINDOW_MINUTES);

    private final AgentStore store;
    private final Clock clock;

    public LoginThrottle(AgentStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public boolean blocked(String... keys) {
        Instant since = clock.instant().minus(WINDOW);
        for (String key : keys) {
            if (store.loginFailures(Tokens.hash(key), since) >= MAX_FAILURES) return true;
        }
        return false;
    }

    public void failed(String... keys) {
        Instant now = clock.instant();
        store.recordLoginFailure(Arrays.stream(keys).map(Tokens::hash).toList(), now, now.minus(WINDOW));
    }
}
