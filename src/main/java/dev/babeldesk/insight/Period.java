package dev.babeldesk.insight;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/** Whole days in UTC, both ends included. */
public record Period(LocalDate from, LocalDate to) {
    public static final int MAX_DAYS = 366;
    public static final int DEFAULT_DAYS = 30;

    public Period {
        if (from.isAfter(to)) throw new IllegalArgumentException("the period starts (" + from + ") after it ends (" + to + ")");
        if (ChronoUnit.DAYS.between(from, to) + 1 > MAX_DAYS) {
            throw new IllegalArgumentException("a period is at most " + MAX_DAYS + " days");
        }
    }

    /** From request parameters; a missing end is today, a missing start is 30 days up to the end. */
    public static Period parse(String from, String to, Clock clock) {
        LocalDate end = blank(to) ? LocalDate.now(clock.withZone(ZoneOffset.UTC)) : date("to", to);
        LocalDate start = blank(from) ? end.minusDays(DEFAULT_DAYS - 1) : date("from", from);
        return new Period(start, end);
    }

    public Instant start() {
        return from.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    public Instant end() {
        return to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    public int days() {
        return (int) ChronoUnit.DAYS.between(from, to) + 1;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static LocalDate date(String name, String value) {
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("\"" + name + "\" must be a date like 2026-11-22");
        }
    }
}
