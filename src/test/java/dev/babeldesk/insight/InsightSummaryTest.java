package dev.babeldesk.insight;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class InsightSummaryTest {
    private static final Period THREE_DAYS = new Period(LocalDate.parse("2026-11-20"), LocalDate.parse("2026-11-22"));

    private static ConversationFacts conversation(String day, String reason, Integer waitSeconds, String resolution, Integer rating) {
        Instant created = Instant.parse(day + "T09:00:00Z");
        Instant queued = reason == null ? null : created.plusSeconds(60);
        return new ConversationFacts("c-" + day + reason + waitSeconds, created, "en", reason, queued,
                waitSeconds == null ? null : queued.plusSeconds(waitSeconds), resolution, rating);
    }

    private static BotTurn turn(String day, String decision, Boolean helpful) {
        return new BotTurn("c", 1, "q", "en", "en", decision, null, null, 0.5, 0.5, 0.5, helpful, null,
                Instant.parse(day + "T10:00:00Z"));
    }

    @Test
    void counts_hand_offs_by_reason_ratings_first_responses_and_resolutions() {
        InsightSummary s = InsightSummary.of(THREE_DAYS, List.of(
                conversation("2026-11-20", null, null, null, null),
                conversation("2026-11-20", "low_confidence", 30, "shipping_and_delivery", 5),
                conversation("2026-11-21", "explicit_request", 90, "shipping_and_delivery", 3),
                conversation("2026-11-22", "low_confidence", 600, "returns_and_refunds", null),
                conversation("2026-11-22", "complaint", null, null, null)), List.of(
                turn("2026-11-20", "answer", true), turn("2026-11-20", "answer", false),
                turn("2026-11-21", "clarify", null), turn("2026-11-22", "handoff", null)));

        assertEquals(5, s.conversations());
        assertEquals(1, s.botOnly());
        assertEquals(4, s.handedOff());
        assertEquals(Map.of("low_confidence", 2, "explicit_request", 1, "complaint", 1), s.handoffReasons());
        assertEquals("low_confidence", s.handoffReasons().keySet().iterator().next(), "most frequent reason first");
        assertEquals(Map.of("answer", 2, "clarify", 1, "handoff", 1), s.decisions());
        assertEquals(new InsightSummary.Feedback(1, 1), s.feedback());
        assertEquals(2, s.ratings().count());
        assertEquals(4.0, s.ratings().average());
        assertEquals(1, s.ratings().distribution().get("5"));
        assertEquals(0, s.ratings().distribution().get("1"));
        assertEquals(new InsightSummary.FirstResponse(3, 90L, 600L, 240L), s.firstResponse());
        assertEquals(Map.of("shipping_and_delivery", 2, "returns_and_refunds", 1), s.resolutions());
        assertEquals(List.of(
                new InsightSummary.Day("2026-11-20", 2, 2, 0, 0),
                new InsightSummary.Day("2026-11-21", 1, 0, 1, 0),
                new InsightSummary.Day("2026-11-22", 2, 0, 0, 1)), s.daily());
    }

    @Test
    void an_empty_period_has_a_row_for_every_day_and_no_averages() {
        InsightSummary s = InsightSummary.of(THREE_DAYS, List.of(), List.of());
        assertEquals(3, s.daily().size());
        assertNull(s.ratings().average());
        assertNull(s.firstResponse().medianSeconds());
        assertEquals(0, s.conversations());
    }
}
