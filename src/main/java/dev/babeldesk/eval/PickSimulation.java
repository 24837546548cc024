package dev.babeldesk.eval;

import dev.babeldesk.insight.PersonalData;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What learning from shoppers' picks would do, simulated on labelled cases in two folds: in each,
 * half of each entry's in-scope cases stand for past traffic and the other half for the questions
 * to come (the cases expecting a hand-off are scored in the first fold). Where the bot offered
 * choices for a past question and the right entry was among them, the case's label stands in for
 * the shopper's pick, and the question (masked as the server masks it) becomes a learned phrasing
 * of that entry, as if an admin approved every suggestion. Nothing else of the labels is used.
 * Every case is scored once after learning, so the figures compare with a plain run's.
 */
public final class PickSimulation {
    private PickSimulation() {}

    /** The cases that stand for past traffic and the ones scored before and after learning. */
    public record Split(List<EvalCase> traffic, List<EvalCase> test) {}

    public static final int FOLDS = 2;

    /**
     * Fold 0: the 1st, 3rd, ... in-scope case of each language and expected entry is traffic, the
     * 2nd, 4th, ... and the hand-off cases are scored; fold 1 the other way round, without the
     * hand-off cases.
     */
    public static Split split(List<EvalCase> cases, EvalRunner runner, int fold) {
        Map<String, Integer> seen = new HashMap<>();
        List<EvalCase> traffic = new ArrayList<>();
        List<EvalCase> test = new ArrayList<>();
        for (EvalCase c : cases) {
            if (runner.expectsHandoff(c.expect())) {
                if (fold == 0) test.add(c);
                continue;
            }
            int n = seen.merge(c.lang() + "\u0000" + c.expect(), 1, Integer::sum);
            (n % 2 == fold ? test : traffic).add(c);
        }
        return new Split(traffic, test);
    }

    /**
     * The learned phrasings the traffic's picks give, by the language the bot answered in and
     * entry: a clarify whose choices held the expected entry.
     */
    public static Map<String, Map<String, List<String>>> picks(List<CaseResult> traffic) {
        Map<String, Map<String, List<String>>> learned = new TreeMap<>();
        for (CaseResult r : traffic) {
            if ("clarify".equals(r.decision()) && r.choices().contains(r.expect())) {
                learned.computeIfAbsent(r.detectedLanguage(), l -> new TreeMap<>())
                        .computeIfAbsent(r.expect(), e -> new ArrayList<>()).add(PersonalData.mask(r.text()));
            }
        }
        return learned;
    }

    public static int count(Map<String, Map<String, List<String>>> learned) {
        return learned.values().stream().flatMap(m -> m.values().stream()).mapToInt(List::size).sum();
    }
}
