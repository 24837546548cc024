package dev.babeldesk.eval;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PickSimulationTest {
    private static CaseResult result(String text, String expect, String decision, List<String> choices) {
        return new CaseResult("id", text, "en", expect, false, decision, null, null, choices, choices, 0.5, 0.5, 0.5,
                "en", 1, Outcome.CLARIFIED_RIGHT, Map.of());
    }

    @Test
    void over_the_two_folds_every_case_is_scored_once_and_learnt_from_at_most_once() {
        List<EvalCase> cases = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) cases.add(new EvalCase("r" + i, "refund " + i, "en", "get-refund", Map.of()));
        for (int i = 0; i < 3; i++) cases.add(new EvalCase("o" + i, "weather " + i, "en", EvalCase.HANDOFF, Map.of()));
        EvalRunner runner = new EvalRunner(null, new dev.babeldesk.knowledge.KnowledgeBase(List.of()));
        PickSimulation.Split first = PickSimulation.split(cases, runner, 0);
        PickSimulation.Split second = PickSimulation.split(cases, runner, 1);
        List<EvalCase> scored = new java.util.ArrayList<>(first.test());
        scored.addAll(second.test());
        assertEquals(cases.size(), scored.size());
        assertEquals(java.util.Set.copyOf(cases), java.util.Set.copyOf(scored));
        assertEquals(first.traffic(), second.test());
        assertEquals(second.traffic(), first.test().stream().filter(c -> !c.expect().equals(EvalCase.HANDOFF)).toList());
        assertEquals(List.of(), first.traffic().stream().filter(c -> c.expect().equals(EvalCase.HANDOFF)).toList(),
                "out-of-scope questions are never picks");
    }

    @Test
    void only_a_clarify_that_offered_the_right_entry_gives_a_pick_and_it_is_masked() {
        Map<String, Map<String, List<String>>> picks = PickSimulation.picks(List.of(
                result("refund for order 123456789 please", "get-refund", "clarify", List.of("track-refund", "get-refund")),
                result("where is my refund", "track-refund", "clarify", List.of("get-refund", "check-refund-policy")),
                result("cancel it", "cancel-order", "answer", List.of()),
                result("talk to a person", "handoff", "handoff", List.of())));
        assertEquals(Map.of("en", Map.of("get-refund", List.of("refund for order [number] please"))), picks);
        assertEquals(1, PickSimulation.count(picks));
    }
}
