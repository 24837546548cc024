package dev.babeldesk.insight;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PeriodTest {
    private static final Clock NOW = Clock.fixed(Instant.parse("2026-11-22T23:30:00Z"), ZoneOffset.UTC);

    @Test
    void without_dates_it_is_the_last_30_days_including_today() {
        Period p = Period.parse(null, "", NOW);
        assertEquals("2026-10-24", p.from().toString());
        assertEquals("2026-11-22", p.to().toString());
        assertEquals(30, p.days());
        assertEquals(Instant.parse("2026-11-23T00:00:00Z"), p.end());
    }

    @Test
    void bad_dates_reversed_periods_and_periods_over_a_year_are_refused_with_a_reason() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Period.parse("22.11.2026", null, NOW))
                .getMessage().contains("2026-11-22"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Period.parse("2026-11-22", "2026-11-01", NOW))
                .getMessage().contains("after"));
        assertThrows(IllegalArgumentException.class, () -> Period.parse("2024-01-01", "2026-11-01", NOW));
    }
}
