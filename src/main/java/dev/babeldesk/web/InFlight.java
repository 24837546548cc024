package dev.babeldesk.web;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts websocket handlers that are running, so stopping the server can wait for them: Jetty
 * runs close handlers while it shuts connections down, and they may still be storing something.
 */
final class InFlight {
    interface Work {
        void run() throws Exception;
    }

    private final AtomicInteger running = new AtomicInteger();

    void track(Work work) throws Exception {
        running.incrementAndGet();
        try {
            work.run();
        } finally {
            running.decrementAndGet();
        }
    }

    /** Waits until no handler runs, at most {@code max}; false when some were still running. */
    boolean awaitQuiet(Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        while (running.get() > 0) {
            if (System.nanoTime() > deadline) return false;
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
