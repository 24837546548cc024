package dev.babeldesk.web;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UploadThrottleTest {
    private final UploadThrottle throttle = new UploadThrottle();

    @Test
    void an_address_gets_its_allowance_per_window_and_then_waits_for_the_next_window() {
        long t0 = 1_000_000;
        for (int i = 0; i < UploadThrottle.PER_WINDOW; i++) assertTrue(throttle.admit("203.0.113.7", t0 + i), "upload " + i);
        assertFalse(throttle.admit("203.0.113.7", t0 + 1000));
        assertTrue(throttle.admit("198.51.100.1", t0 + 1000), "another address has its own allowance");
        assertFalse(throttle.admit("203.0.113.7", t0 + UploadThrottle.WINDOW_MILLIS - 1));
        assertTrue(throttle.admit("203.0.113.7", t0 + UploadThrottle.WINDOW_MILLIS));
    }

    @Test
    void many_addresses_seen_once_do_not_make_it_forget_a_busy_one_that_is_still_active() {
        long t0 = 5_000_000;
        for (int i = 0; i < UploadThrottle.PER_WINDOW; i++) throttle.admit("203.0.113.7", t0);
        for (int i = 0; i < 20_000; i++) {
            throttle.admit("10." + (i / 62_500) + "." + (i / 250 % 250) + "." + (i % 250), t0 + 1);
            if (i % 1000 == 0) assertFalse(throttle.admit("203.0.113.7", t0 + 2), "still refused after " + i + " others");
        }
    }
}
