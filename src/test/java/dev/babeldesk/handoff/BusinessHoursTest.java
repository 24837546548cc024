package dev.babeldesk.handoff;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Business hours decide whether a hand-off reaches a person now or becomes an offline ticket. */
class BusinessHoursTest {
    // 2026-11-23 is a Monday.
    private static Instant at(String utc) {
        return Instant.parse(utc);
    }

    @Test
    void open_on_weekdays_within_the_hours_in_the_shops_time_zone() {
        BusinessHours hours = BusinessHours.parse("mon-fri 09:00-18:00 Europe/Berlin");
        assertTrue(hours.open(at("2026-11-23T08:00:00Z")), "09:00 in Berlin");
        assertFalse(hours.open(at("2026-11-23T07:59:00Z")), "08:59 in Berlin");
        assertFalse(hours.open(at("2026-11-23T17:00:00Z")), "18:00 in Berlin is closing time");
        assertFalse(hours.open(at("2026-11-22T10:00:00Z")), "Sunday");
    }

    @Test
    void several_ranges_and_wrapping_day_ranges_work() {
        BusinessHours hours = BusinessHours.parse("sat,sun 10:00-14:00 UTC; fri-mon 20:00-22:00 UTC");
        assertTrue(hours.open(at("2026-11-22T11:00:00Z")), "Sunday morning");
        assertTrue(hours.open(at("2026-11-23T21:00:00Z")), "Monday evening (fri-mon wraps)");
        assertFalse(hours.open(at("2026-11-24T21:00:00Z")), "Tuesday evening");
    }

    @Test
    void empty_means_always_open_and_nonsense_is_refused_with_the_reason() {
        assertTrue(BusinessHours.parse("").open(Instant.now()));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BusinessHours.parse("weekdays 9-5")).getMessage()
                .contains("mon-fri"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BusinessHours.parse("mon-fri 18:00-09:00 UTC"))
                .getMessage().contains("ends before"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BusinessHours.parse("mon-fri 09:00-18:00 Mars/Olympus"))
                .getMessage().contains("time zone"));
    }
}
