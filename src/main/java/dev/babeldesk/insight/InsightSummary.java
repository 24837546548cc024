package dev.babeldesk.insight;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The figures of the insight page for one period: how many conversations the bot handled alone
 * and why the others went to a person, what shoppers thought of the answers and of the people,
 * how long they waited for a first reply, and the same per day for the chart.
 */
public record InsightSummary(
        String from,
        String to,
        int conversations,
        int botOnly,
        int handedOff,
        Map<String, Integer> handoffReasons,
        int questions,
        Map<String, Integer> decisions,
        Feedback feedback,
        Ratings ratings,
        FirstResponse firstResponse,
        Map<String, Integer> resolutions,
        Map<String, Integer> languages,
        List<Day> daily) {

    public record Feedback(int helpful, int notHelpful) {}

    public record Ratings(int count, Double average, Map<String, Integer> distribution) {}

    /** Seconds from joining the queue to a person's first reply; null figures when nobody replied in the period. */
    public record FirstResponse(int count, Long medianSeconds, Long p90Seconds, Long averageSeconds) {}

    public record Day(String date, int conversations, int answered, int clarified, int handedOff) {}

    public static InsightSummary of(Period period, List<ConversationFacts> conversations, List<BotTurn> turns) {
        Map<String, Integer> reasons = new LinkedHashMap<>();
        Map<String, Integer> resolutions = new LinkedHashMap<>();
        Map<String, Integer> languages = new LinkedHashMap<>();
        Map<String, Integer> distribution = new LinkedHashMap<>();
        for (int score = 1; score <= 5; score++) distribution.put(String.valueOf(score), 0);
        List<Long> waits = new ArrayList<>();
        int handedOff = 0;
        int rated = 0;
        long ratingSum = 0;
        TreeMap<LocalDate, int[]> days = new TreeMap<>();
        for (LocalDate d = period.from(); !d.isAfter(period.to()); d = d.plusDays(1)) days.put(d, new int[4]);

        for (ConversationFacts c : conversations) {
            day(days, c.createdAt())[0]++;
            if (c.language() != null) languages.merge(c.language(), 1, Integer::sum);
            if (c.handedOff()) {
                handedOff++;
                reasons.merge(c.firstHandoffReason(), 1, Integer::sum);
            }
            if (c.resolution() != null) resolutions.merge(c.resolution(), 1, Integer::sum);
            if (c.rating() != null) {
                rated++;
                ratingSum += c.rating();
                distribution.merge(String.valueOf(c.rating()), 1, Integer::sum);
            }
            if (c.firstHandoffAt() != null && c.firstResponseAt() != null && !c.firstResponseAt().isBefore(c.firstHandoffAt())) {
                waits.add(Duration.between(c.firstHandoffAt(), c.firstResponseAt()).toSeconds());
            }
        }
        Map<String, Integer> decisions = new LinkedHashMap<>();
        for (String d : List.of("answer", "clarify", "handoff")) decisions.put(d, 0);
        int helpful = 0;
        int notHelpful = 0;
        for (BotTurn t : turns) {
            decisions.merge(t.decision(), 1, Integer::sum);
            int[] day = day(days, t.at());
            switch (t.decision()) {
                case "answer" -> day[1]++;
                case "clarify" -> day[2]++;
                default -> day[3]++;
            }
            if (Boolean.TRUE.equals(t.helpful())) helpful++;
            if (t.notHelpful()) notHelpful++;
        }
        List<Day> daily = new ArrayList<>();
        days.forEach((d, n) -> daily.add(new Day(d.toString(), n[0], n[1], n[2], n[3])));
        return new InsightSummary(period.from().toString(), period.to().toString(), conversations.size(),
                conversations.size() - handedOff, handedOff, byCountDescending(reasons), turns.size(), decisions,
                new Feedback(helpful, notHelpful),
                new Ratings(rated, rated == 0 ? null : Math.round(ratingSum * 100.0 / rated) / 100.0, distribution),
                firstResponse(waits), byCountDescending(resolutions), byCountDescending(languages), daily);
    }

    private static int[] day(TreeMap<LocalDate, int[]> days, java.time.Instant at) {
        LocalDate date = at.atZone(ZoneOffset.UTC).toLocalDate();
        return days.computeIfAbsent(date, d -> new int[4]); // rows come from the period: the day is there
    }

    private static FirstResponse firstResponse(List<Long> waits) {
        if (waits.isEmpty()) return new FirstResponse(0, null, null, null);
        List<Long> sorted = waits.stream().sorted().toList();
        long sum = sorted.stream().mapToLong(Long::longValue).sum();
        return new FirstResponse(sorted.size(), percentile(sorted, 0.5), percentile(sorted, 0.9),
                Math.round((double) sum / sorted.size()));
    }

    /** Nearest-rank percentile. */
    static long percentile(List<Long> sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    private static Map<String, Integer> byCountDescending(Map<String, Integer> counts) {
        Map<String, Integer> out = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }
}
