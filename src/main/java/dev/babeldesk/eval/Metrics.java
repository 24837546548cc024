package dev.babeldesk.eval;

import java.util.List;

/**
 * The figures for one set of case results. Rates are fractions in [0,1]; a rate over an empty
 * set is NaN rather than a flattering 0 or 1.
 *
 * @param cases             all cases
 * @param inScope           cases expecting an ordinary (not hand-off) entry
 * @param top1              in-scope and hand-off-entry cases whose first candidate is the expected entry
 * @param top3              ... whose expected entry is among the first three candidates
 * @param answeredRight     in-scope cases answered directly with the right entry
 * @param clarifyFirstRight in-scope cases clarified with the right entry first
 * @param resolved          in-scope cases answered right or with the right entry among the choices
 * @param clarified         in-scope cases that went through the clarify step
 * @param answeredWrong     in-scope cases answered directly with a wrong entry
 * @param handedOffInScope  in-scope cases handed off
 * @param wrongAnswers      all cases answered with a wrong entry or answered instead of handed off
 * @param rightDecision     all cases with the right decision (see {@link Outcome#right()})
 */
public record Metrics(
        int cases,
        int inScope,
        double top1,
        double top3,
        double answeredRight,
        double clarifyFirstRight,
        double resolved,
        double clarified,
        double answeredWrong,
        double handedOffInScope,
        double wrongAnswers,
        double rightDecision,
        double handoffPrecision,
        double handoffRecall,
        double handoffF1,
        double latencyP50Ms,
        double latencyP99Ms) {

    public static Metrics of(List<CaseResult> results) {
        List<CaseResult> inScope = results.stream().filter(r -> !r.expectsHandoff()).toList();
        List<CaseResult> entryCases = results.stream().filter(r -> !r.expect().equals(EvalCase.HANDOFF)).toList();
        long predictedHandoff = results.stream().filter(r -> r.decision().equals("handoff")).count();
        long expectedHandoff = results.stream().filter(CaseResult::expectsHandoff).count();
        long handoffHits = results.stream().filter(r -> r.outcome() == Outcome.HANDED_OFF_RIGHT).count();
        double precision = ratio(handoffHits, predictedHandoff);
        double recall = ratio(handoffHits, expectedHandoff);
        double[] latencies = results.stream().mapToDouble(CaseResult::latencyMs).sorted().toArray();
        return new Metrics(
                results.size(),
                inScope.size(),
                share(entryCases, r -> !r.top().isEmpty() && r.top().get(0).equals(r.expect())),
                share(entryCases, r -> r.top().contains(r.expect())),
                share(inScope, r -> r.outcome() == Outcome.ANSWERED_RIGHT),
                share(inScope, r -> r.outcome() == Outcome.CLARIFIED_FIRST_RIGHT),
                share(inScope, r -> r.outcome().right()),
                share(inScope, r -> r.decision().equals("clarify")),
                share(inScope, r -> r.outcome() == Outcome.ANSWERED_WRONG),
                share(inScope, r -> r.outcome() == Outcome.HANDED_OFF_NEEDLESSLY),
                share(results, r -> r.outcome() == Outcome.ANSWERED_WRONG),
                share(results, r -> r.outcome().right()),
                precision,
                recall,
                precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall),
                percentile(latencies, 0.50),
                percentile(latencies, 0.99));
    }

    private static double share(List<CaseResult> results, java.util.function.Predicate<CaseResult> p) {
        return ratio(results.stream().filter(p).count(), results.size());
    }

    private static double ratio(long part, long whole) {
        return whole == 0 ? Double.NaN : (double) part / whole;
    }

    /** Nearest-rank percentile of sorted values. */
    static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) return Double.NaN;
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
