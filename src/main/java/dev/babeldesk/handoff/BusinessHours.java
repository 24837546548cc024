package dev.babeldesk.handoff;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * When people answer: days, a time range and a time zone, e.g. {@code mon-fri 09:00-18:00
 * Europe/Berlin} (several ranges separated by {@code ;}). Outside them a hand-off becomes an
 * offline ticket even if an agent happens to be logged in.
 */
public record BusinessHours(List<Range> ranges) {
    private static final List<String> DAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

    public record Range(Set<DayOfWeek> days, LocalTime from, LocalTime to, ZoneId zone) {
        boolean contains(Instant instant) {
            ZonedDateTime local = instant.atZone(zone);
            LocalTime time = local.toLocalTime();
            return days.contains(local.getDayOfWeek()) && !time.isBefore(from) && time.isBefore(to);
        }
    }

    public static final BusinessHours ALWAYS = new BusinessHours(List.of());

    public boolean open(Instant instant) {
        return ranges.isEmpty() || ranges.stream().anyMatch(r -> r.contains(instant));
    }

    /** @throws IllegalArgumentException with what is wrong */
    public static BusinessHours parse(String text) {
        if (text == null || text.isBlank()) return ALWAYS;
        List<Range> ranges = new java.util.ArrayList<>();
        for (String part : text.split(";")) {
            String[] fields = part.strip().toLowerCase(Locale.ROOT).split("\\s+");
            if (fields.length != 3) {
                throw new IllegalArgumentException("'" + part.strip() + "' is not like 'mon-fri 09:00-18:00 Europe/Berlin'");
            }
            Set<DayOfWeek> days = days(fields[0]);
            String[] times = fields[1].split("-");
            if (times.length != 2) throw new IllegalArgumentException("'" + fields[1] + "' is not a time range like 09:00-18:00");
            try {
                LocalTime from = LocalTime.parse(times[0]);
                LocalTime to = LocalTime.parse(times[1]);
                if (!from.isBefore(to)) throw new IllegalArgumentException("'" + fields[1] + "' ends before it starts");
                ZoneId zone = ZoneId.of(part.strip().split("\\s+")[2]);
                ranges.add(new Range(days, from, to, zone));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("'" + fields[1] + "' is not a time range like 09:00-18:00");
            } catch (java.time.DateTimeException e) {
                throw new IllegalArgumentException("unknown time zone in '" + part.strip() + "'");
            }
        }
        return new BusinessHours(List.copyOf(ranges));
    }

    private static Set<DayOfWeek> days(String spec) {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String item : spec.split(",")) {
            String[] bounds = item.split("-");
            int from = DAYS.indexOf(bounds[0]);
            int to = bounds.length > 1 ? DAYS.indexOf(bounds[1]) : from;
            if (from < 0 || to < 0 || bounds.length > 2) throw new IllegalArgumentException("'" + spec + "' is not days like mon-fri or sat,sun");
            for (int d = from; ; d = (d + 1) % 7) {
                days.add(DayOfWeek.of(d + 1));
                if (d == to) break;
            }
        }
        return days;
    }
}
