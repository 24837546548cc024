package dev.babeldesk.eval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** All figures of one evaluation run: overall, per language, per group, and every case. */
public record EvalReport(
        Metrics overall,
        Map<String, Metrics> byLanguage,
        Map<String, Map<String, Metrics>> byGroup,
        List<CaseResult> cases) {

    public static EvalReport of(List<CaseResult> results, List<String> groupFields) {
        Map<String, Metrics> byLanguage = new TreeMap<>();
        results.stream().collect(Collectors.groupingBy(CaseResult::lang, TreeMap::new, Collectors.toList()))
                .forEach((lang, rs) -> byLanguage.put(lang, Metrics.of(rs)));
        Map<String, Map<String, Metrics>> byGroup = new LinkedHashMap<>();
        for (String field : groupFields) {
            Map<String, Metrics> groups = new TreeMap<>();
            results.stream()
                    .collect(Collectors.groupingBy(r -> r.extra().getOrDefault(field, "(none)"), TreeMap::new, Collectors.toList()))
                    .forEach((value, rs) -> groups.put(value, Metrics.of(rs)));
            byGroup.put(field, groups);
        }
        return new EvalReport(Metrics.of(results), byLanguage, byGroup, results);
    }

    /** The human-readable summary the command prints. */
    public String toText() {
        StringBuilder out = new StringBuilder();
        Metrics m = overall;
        out.append(String.format(Locale.ROOT, "cases %d (in scope %d, expecting a person %d)%n", m.cases(), m.inScope(),
                m.cases() - m.inScope()));
        out.append("in scope (the knowledge base has the answer):\n");
        line(out, "top-1 accuracy (first candidate right)", m.top1());
        line(out, "top-3 recall", m.top3());
        line(out, "answered right directly", m.answeredRight());
        line(out, "clarified, right choice first", m.clarifyFirstRight());
        line(out, "resolved (answered right or right among choices)", m.resolved());
        line(out, "went through clarify", m.clarified());
        line(out, "answered WRONG with confidence", m.answeredWrong());
        line(out, "handed off needlessly", m.handedOffInScope());
        out.append("hand-off:\n");
        line(out, "precision", m.handoffPrecision());
        line(out, "recall", m.handoffRecall());
        line(out, "F1", m.handoffF1());
        out.append("all cases:\n");
        line(out, "right decision", m.rightDecision());
        line(out, "wrong answers given with confidence", m.wrongAnswers());
        out.append(String.format(Locale.ROOT, "  %-50s p50 %.2f ms, p99 %.2f ms%n", "latency per question",
                m.latencyP50Ms(), m.latencyP99Ms()));
        out.append(String.format(Locale.ROOT, "%nper language:%n  %-20s %6s %7s %7s %7s %9s %7s %8s%n",
                "lang", "cases", "right", "top-1", "top-3", "answered", "WRONG", "hand-off"));
        byLanguage.forEach((lang, lm) -> row(out, lang, lm));
        byGroup.forEach((field, groups) -> {
            out.append(String.format(Locale.ROOT, "%nby %s:%n", field));
            groups.forEach((value, gm) -> row(out, value, gm));
        });
        return out.toString();
    }

    private static void line(StringBuilder out, String label, double value) {
        out.append(String.format(Locale.ROOT, "  %-50s %s%n", label, pct(value)));
    }

    private static void row(StringBuilder out, String name, Metrics m) {
        out.append(String.format(Locale.ROOT, "  %-20s %6d %7s %7s %7s %9s %7s %8s%n", name, m.cases(), pct(m.rightDecision()),
                pct(m.top1()), pct(m.top3()), pct(m.answeredRight()), pct(m.wrongAnswers()), pct(m.handoffRecall())));
    }

    static String pct(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.3f", v);
    }
}
