package dev.babeldesk.eval;

import dev.babeldesk.answering.AnswerPolicy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * How the figures move with the thresholds on labelled cases: for each limit on wrong answers,
 * the answer and answer-scope thresholds that answer the most in-scope questions right; and the
 * figures along a range of hand-off thresholds.
 *
 * <p>The thresholds are chosen with the cases' own labels. On a development set that makes it an
 * upper bound on what any choice of thresholds can do with the current confidence model, not a
 * measurement of the defaults; on a shop's own labelled questions it is a way to choose them.
 *
 * @param configured the policy the configuration gives, decided on the same assessments
 * @param mostRight  per limit on in-scope wrong answers, the best pair within it (null when none is)
 * @param handoff    the configured answer thresholds at each hand-off threshold
 * @param byLanguage per language, the hand-off threshold with the most right decisions in it, and
 *                   that language's figures there (the other thresholds as configured)
 */
public record ThresholdSweep(Point configured, List<Limit> mostRight, List<Point> handoff, Map<String, Language> byLanguage) {

    public record Point(AnswerPolicy policy, Metrics metrics) {}

    public record Limit(double maxWrong, Point best) {}

    /** One language's figures at the configured thresholds and at its best hand-off threshold. */
    public record Language(Metrics configured, Point best) {}

    static final double[] WRONG_LIMITS = {0.005, 0.01, 0.015, 0.02, 0.03, 0.05};

    /** @param run the cases' run, whose assessments are decided again at each threshold */
    public static ThresholdSweep run(EvalRunner runner, List<EvalCase> cases, EvalRunner.Run run, AnswerPolicy configured) {
        List<AnswerPolicy> policies = new ArrayList<>();
        policies.add(configured);
        for (int answer = 50; answer <= 99; answer++) {
            for (int scope = 0; scope <= 80; scope += 5) {
                policies.add(new AnswerPolicy(answer / 100.0, scope / 100.0, configured.handoffThreshold()));
            }
        }
        int handoffFrom = policies.size();
        for (int handoff = 5; handoff <= 50; handoff++) {
            policies.add(new AnswerPolicy(configured.answerThreshold(), configured.answerScopeThreshold(), handoff / 100.0));
        }
        List<List<CaseResult>> results = runner.decideAt(cases, run, policies);
        List<Point> points = new ArrayList<>(policies.size());
        for (int i = 0; i < policies.size(); i++) points.add(new Point(policies.get(i), Metrics.of(results.get(i))));

        List<Point> answerGrid = points.subList(1, handoffFrom);
        List<Limit> mostRight = new ArrayList<>();
        for (double limit : WRONG_LIMITS) {
            // Among pairs equally good, the one with the fewest wrong answers overall (out-of-scope
            // questions answered), then the fewest in scope.
            mostRight.add(new Limit(limit, answerGrid.stream()
                    .filter(p -> p.metrics().answeredWrong() <= limit + 1e-12)
                    .max(Comparator.comparingDouble((Point p) -> p.metrics().answeredRight())
                            .thenComparing(p -> -p.metrics().wrongAnswers())
                            .thenComparing(p -> -p.metrics().answeredWrong())).orElse(null)));
        }
        Map<String, Language> byLanguage = new TreeMap<>();
        cases.stream().map(EvalCase::lang).distinct().forEach(language -> {
            Point best = null;
            for (int i = handoffFrom; i < policies.size(); i++) {
                Metrics m = Metrics.of(results.get(i).stream().filter(r -> r.lang().equals(language)).toList());
                if (best == null || m.rightDecision() > best.metrics().rightDecision()) best = new Point(policies.get(i), m);
            }
            byLanguage.put(language, new Language(Metrics.of(results.get(0).stream().filter(r -> r.lang().equals(language)).toList()), best));
        });
        return new ThresholdSweep(points.get(0), mostRight, List.copyOf(points.subList(handoffFrom, points.size())), byLanguage);
    }

    public String toText() {
        StringBuilder out = new StringBuilder();
        out.append("\nthresholds chosen on these cases' own labels (an upper bound for these cases, not a measurement):\n");
        out.append(String.format(Locale.ROOT, "  %-22s %6s %6s %9s %9s %9s %8s %9s%n",
                "in-scope wrong at most", "answer", "scope", "answered", "wrong", "wrong all", "clarify", "resolved"));
        for (Limit limit : mostRight) {
            String name = String.format(Locale.ROOT, "%.3f", limit.maxWrong());
            if (limit.best() == null) out.append(String.format(Locale.ROOT, "  %-22s %s%n", name, "none"));
            else answerRow(out, name, limit.best());
        }
        answerRow(out, "configured", configured);
        out.append(String.format(Locale.ROOT, "%n  %-22s %9s %9s %9s %9s   (answer %.2f, scope %.2f)%n", "hand-off threshold",
                "needless", "recall", "resolved", "right", configured.policy().answerThreshold(), configured.policy().answerScopeThreshold()));
        for (Point p : handoff) {
            boolean isConfigured = Math.abs(p.policy().handoffThreshold() - configured.policy().handoffThreshold()) < 1e-9;
            if (!isConfigured && Math.round(p.policy().handoffThreshold() * 100) % 5 != 0) continue; // every 0.05 is enough to read
            Metrics m = p.metrics();
            out.append(String.format(Locale.ROOT, "  %-22s %9s %9s %9s %9s%n",
                    String.format(Locale.ROOT, "%.2f%s", p.policy().handoffThreshold(), isConfigured ? " (configured)" : ""),
                    EvalReport.pct(m.handedOffInScope()), EvalReport.pct(m.handoffRecall()), EvalReport.pct(m.resolved()),
                    EvalReport.pct(m.rightDecision())));
        }
        if (byLanguage.size() > 1) {
            out.append(String.format(Locale.ROOT, "%n  %-22s %9s %9s %9s%n", "language", "hand-off", "right", "at configured"));
            byLanguage.forEach((language, l) -> out.append(String.format(Locale.ROOT, "  %-22s %9.2f %9s %9s%n", language,
                    l.best().policy().handoffThreshold(), EvalReport.pct(l.best().metrics().rightDecision()),
                    EvalReport.pct(l.configured().rightDecision()))));
        }
        return out.toString();
    }

    private static void answerRow(StringBuilder out, String name, Point p) {
        Metrics m = p.metrics();
        out.append(String.format(Locale.ROOT, "  %-22s %6.2f %6.2f %9s %9s %9s %8s %9s%n", name,
                p.policy().answerThreshold(), p.policy().answerScopeThreshold(), EvalReport.pct(m.answeredRight()),
                EvalReport.pct(m.answeredWrong()), EvalReport.pct(m.wrongAnswers()), EvalReport.pct(m.clarified()),
                EvalReport.pct(m.resolved())));
    }
}
