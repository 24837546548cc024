package dev.babeldesk.eval;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The figures are computed from per-case outcomes exactly as the README defines them. */
class MetricsTest {

    private static CaseResult result(String expect, boolean expectsHandoff, String decision, String chosen,
                                     List<String> choices, List<String> top, Outcome outcome, double latency) {
        return new CaseResult("id", "text", "en", expect, expectsHandoff, decision, null, chosen, choices, top, 0.5, 0.5, 1.0,
                "en", latency, outcome, Map.of());
    }

    private final List<CaseResult> results = List.of(
            result("a", false, "answer", "a", List.of(), List.of("a", "b", "c"), Outcome.ANSWERED_RIGHT, 1),
            result("a", false, "answer", "b", List.of(), List.of("b", "a", "c"), Outcome.ANSWERED_WRONG, 2),
            result("b", false, "clarify", null, List.of("b", "c"), List.of("b", "c", "a"), Outcome.CLARIFIED_FIRST_RIGHT, 3),
            result("c", false, "clarify", null, List.of("a", "c"), List.of("a", "c", "b"), Outcome.CLARIFIED_RIGHT, 4),
            result("c", false, "handoff", null, List.of(), List.of("a", "b", "d"), Outcome.HANDED_OFF_NEEDLESSLY, 5),
            result("handoff", true, "handoff", null, List.of(), List.of("a"), Outcome.HANDED_OFF_RIGHT, 6),
            result("handoff", true, "answer", "a", List.of(), List.of("a"), Outcome.ANSWERED_WRONG, 7),
            result("human", true, "handoff", "human", List.of(), List.of("human"), Outcome.HANDED_OFF_RIGHT, 100));

    @Test
    void in_scope_rates_count_only_cases_whose_answer_is_in_the_base() {
        Metrics m = Metrics.of(results);
        assertEquals(8, m.cases());
        assertEquals(5, m.inScope());
        assertEquals(1 / 5.0, m.answeredRight(), 1e-9);
        assertEquals(1 / 5.0, m.clarifyFirstRight(), 1e-9);
        assertEquals(3 / 5.0, m.resolved(), 1e-9);
        assertEquals(2 / 5.0, m.clarified(), 1e-9);
        assertEquals(1 / 5.0, m.answeredWrong(), 1e-9);
        assertEquals(1 / 5.0, m.handedOffInScope(), 1e-9);
    }

    @Test
    void top_k_counts_cases_that_expect_an_entry_including_hand_off_entries() {
        Metrics m = Metrics.of(results);
        // entry cases: the five in scope plus "human"; first right: a, b, human; in top three: all but the last "c"
        assertEquals(3 / 6.0, m.top1(), 1e-9);
        assertEquals(5 / 6.0, m.top3(), 1e-9);
    }

    @Test
    void hand_off_precision_and_recall_treat_hand_off_entries_as_hand_offs() {
        Metrics m = Metrics.of(results);
        assertEquals(2 / 3.0, m.handoffPrecision(), 1e-9);
        assertEquals(2 / 3.0, m.handoffRecall(), 1e-9);
        assertEquals(2 / 3.0, m.handoffF1(), 1e-9);
        assertEquals(2 / 8.0, m.wrongAnswers(), 1e-9);
        assertEquals(5 / 8.0, m.rightDecision(), 1e-9);
    }

    @Test
    void latency_percentiles_use_the_nearest_rank() {
        Metrics m = Metrics.of(results);
        assertEquals(4, m.latencyP50Ms(), 1e-9);
        assertEquals(100, m.latencyP99Ms(), 1e-9);
    }

    @Test
    void a_rate_over_no_cases_is_not_a_number_rather_than_a_flattering_value() {
        Metrics m = Metrics.of(List.of(results.get(5)));
        assertTrue(Double.isNaN(m.answeredRight()));
        assertEquals(1.0, m.handoffRecall(), 1e-9);
    }
}
