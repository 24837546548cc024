package dev.babeldesk.handoff;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing: after {@value #MAX_FAILURES} failed logins for one account or from
 * one address within {@value #WINDOW_MINUTES} minutes, further attempts are refused until the
 * window has passed, whether the password would have been right or not.
 */
public final class LoginThrottle {
    static final int MAX_FAILURES = 5;
    static final int WINDOW_MINUTES = 15;

    private final Clock clock;
    private final Map<String, Deque<Long>> failures = new ConcurrentHashMap<>();

    public LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    public boolean blocked(String... keys) {
        long now = clock.millis();
        for (String key : keys) {
            Deque<Long> times = failures.get(key);
            if (times == null) continue;
            synchronized (times) {
                while (!times.isEmpty() && times.peekFirst() <= now - WINDOW_MINUTES * 60_000L) times.pollFirst();
                if (times.size() >= MAX_FAILURES) return true;
            }
        }
        return false;
    }

    public void failed(String... keys) {
        long now = clock.millis();
        for (String key : keys) {
            Deque<Long> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
            synchronized (times) {
                times.addLast(now);
            }
        }
    }
}
