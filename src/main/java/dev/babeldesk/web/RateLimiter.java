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

    /**
     * Whether a frame that just came may be handled now: refused (and told so by {@code refuse})
     * over the limit, and the connection closed (1008) when it floods at five times the limit.
     */
    boolean admit(io.javalin.websocket.WsContext ctx, Runnable refuse) {
        switch (check(System.currentTimeMillis())) {
            case ALLOW -> {
                return true;
            }
            case REFUSE -> refuse.run();
            case DISCONNECT -> ctx.closeSession(1008, "flooding");
        }
        return false;
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
