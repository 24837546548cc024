package dev.babeldesk.web;

import java.util.ArrayDeque;
import java.util.Deque;

/** Counts one connection's frames in a sliding 10-second window. Not shared between threads. */
final class RateLimiter {
    static final long WINDOW_MILLIS = 10_000;

    enum Verdict { ALLOW, REFUSE, DISCONNECT }

    private final int limit;
    private final Deque<Long> accepted = new ArrayDeque<>();
    private int refusedInWindow;
    private long windowStart;

    RateLimiter(int limit) {
        this.limit = limit;
    }

    synchronized Verdict check(long now) {
        while (!accepted.isEmpty() && accepted.peekFirst() <= now - WINDOW_MILLIS) accepted.pollFirst();
        if (now - windowStart > WINDOW_MILLIS) {
            windowStart = now;
            refusedInWindow = 0;
        }
        if (accepted.size() < limit) {
            accepted.addLast(now);
            return Verdict.ALLOW;
        }
        refusedInWindow++;
        return refusedInWindow > 4 * limit ? Verdict.DISCONNECT : Verdict.REFUSE;
    }
}
