package dev.babeldesk.eval;

import dev.babeldesk.answering.AnswerEngine;
import dev.babeldesk.answering.AnswerPolicy;
import dev.babeldesk.answering.BotAnswer;
import dev.babeldesk.answering.Decision;
import dev.babeldesk.answering.ScoredEntry;
import dev.babeldesk.knowledge.Entry;
import dev.babeldesk.knowledge.KnowledgeBase;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Runs cases through the same {@link AnswerEngine} the live bot uses and classifies each outcome. */
public final class EvalRunner {
    private final AnswerEngine engine;
    private final KnowledgeBase knowledgeBase;

    public EvalRunner(AnswerEngine engine, KnowledgeBase knowledgeBase) {
        this.engine = engine;
        this.knowledgeBase = knowledgeBase;
    }

    /** The cases' results and how each question was assessed, in the order of the cases. */
    public record Run(List<CaseResult> results, List<AnswerEngine.Assessed> assessed) {}

    public List<CaseResult> run(List<EvalCase> cases) {
        return assessAndDecide(cases).results();
    }

    /** {@link #run}, keeping the assessments so that {@link #decideAt} can decide them again. */
    public Run assessAndDecide(List<EvalCase> cases) {
        // Warm-up so the first cases' latency is not class loading.
        for (int i = 0; i < Math.min(20, cases.size()); i++) engine.answer(cases.get(i).text(), null);
        List<CaseResult> results = new ArrayList<>(cases.size());
        List<AnswerEngine.Assessed> assessed = new ArrayList<>(cases.size());
        for (EvalCase c : cases) {
            long start = System.nanoTime();
            AnswerEngine.Assessed question = engine.assess(c.text(), null);
            BotAnswer answer = engine.decide(question, engine.policy()); // what engine.answer does
            double latencyMs = (System.nanoTime() - start) / 1e6;
            results.add(classify(c, answer, latencyMs));
            assessed.add(question);
        }
        return new Run(results, assessed);
    }

    /**
     * The cases of a run decided again at each of several policies: only the decision is repeated,
     * so a sweep over hundreds of threshold pairs costs hardly more than the run itself. Latencies
     * are not measured here.
     *
     * @return one list of results per policy, in the order given
     */
    public List<List<CaseResult>> decideAt(List<EvalCase> cases, Run run, List<AnswerPolicy> policies) {
        List<List<CaseResult>> byPolicy = new ArrayList<>(policies.size());
        policies.forEach(p -> byPolicy.add(new ArrayList<>(cases.size())));
        for (int c = 0; c < cases.size(); c++) {
            for (int i = 0; i < policies.size(); i++) {
                byPolicy.get(i).add(classify(cases.get(c), engine.decide(run.assessed().get(c), policies.get(i)), 0));
            }
        }
        return byPolicy;
    }

    /** A case expects a hand-off when it says so or names an entry marked {@code handoff: true}. */
    public boolean expectsHandoff(String expect) {
        return expect.equals(EvalCase.HANDOFF)
                || knowledgeBase.all().stream().anyMatch(e -> e.id().equals(expect) && e.handoff());
    }

    private CaseResult classify(EvalCase c, BotAnswer a, double latencyMs) {
        boolean expectsHandoff = expectsHandoff(c.expect());
        String chosen = a.entry() == null ? null : a.entry().id();
        List<String> choices = a.choices().stream().map(Entry::id).toList();
        Outcome outcome = switch (a.decision()) {
            case HANDOFF -> expectsHandoff ? Outcome.HANDED_OFF_RIGHT : Outcome.HANDED_OFF_NEEDLESSLY;
            case ANSWER -> !expectsHandoff && c.expect().equals(chosen) ? Outcome.ANSWERED_RIGHT : Outcome.ANSWERED_WRONG;
            case CLARIFY -> {
                if (expectsHandoff || !choices.contains(c.expect())) yield Outcome.CLARIFIED_WRONG;
                yield choices.get(0).equals(c.expect()) ? Outcome.CLARIFIED_FIRST_RIGHT : Outcome.CLARIFIED_RIGHT;
            }
        };
        return new CaseResult(c.id(), c.text(), c.lang(), c.expect(), expectsHandoff,
                a.decision().name().toLowerCase(Locale.ROOT),
                a.decision() == Decision.HANDOFF ? a.handoffReason().name().toLowerCase(Locale.ROOT) : null,
                chosen, choices, a.candidates().stream().map(ScoredEntry::id).toList(), a.confidence(),
                a.candidates().isEmpty() ? 0 : a.candidates().get(0).answerable(),
                a.candidates().isEmpty() ? 0 : a.candidates().get(0).choice(),
                a.detectedLanguage(), latencyMs, outcome, c.extra());
    }
}
