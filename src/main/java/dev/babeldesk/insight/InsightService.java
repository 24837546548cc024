package dev.babeldesk.insight;

import dev.babeldesk.answering.AnswerEngine;
import dev.babeldesk.answering.AnswerPolicy;
import dev.babeldesk.answering.ScoredEntry;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** What the admin page shows of a period: the figures, the questions to work on, the export and the simulator. */
public final class InsightService {
    private final InsightStore store;
    /** The current engine: "closest entry" and replays use today's knowledge base. */
    private final Supplier<AnswerEngine> engine;
    private final AssessmentCache assessments = new AssessmentCache();

    public InsightService(InsightStore store, Supplier<AnswerEngine> engine) {
        this.store = store;
        this.engine = engine;
    }

    public InsightSummary summary(Period period) {
        return InsightSummary.of(period, store.conversations(period.start(), period.end()),
                store.turns(period.start(), period.end()));
    }

    public List<QuestionGroups.Group> questions(Period period) {
        AnswerEngine current = engine.get();
        QuestionGroups groups = new QuestionGroups(current::meaning, (text, language) -> closest(current, text, language, assessments));
        return groups.group(store.turns(period.start(), period.end()));
    }

    private static Optional<QuestionGroups.ClosestEntry> closest(AnswerEngine engine, String text, String language,
                                                                AssessmentCache assessments) {
        List<ScoredEntry> candidates = engine.decide(assessments.assess(engine, text, language), engine.policy()).candidates();
        if (candidates.isEmpty()) return Optional.empty();
        ScoredEntry best = candidates.get(0);
        return Optional.of(new QuestionGroups.ClosestEntry(best.id(), best.title(), best.confidence()));
    }

    /** One row per bot decision, question text with personal data masked. */
    public record ExportRow(String date, String conversation, String language, String question, String decision,
                            String reason, String entry, Double confidence, String feedback, String chosen) {}

    public List<ExportRow> export(Period period) {
        return store.turns(period.start(), period.end()).stream().map(t -> new ExportRow(t.at().toString(),
                t.conversationId(), t.language(), PersonalData.mask(t.question()), t.decision(), t.handoffReason(),
                t.entryId(), t.confidence(), t.helpful() == null ? null : t.helpful() ? "helpful" : "not_helpful",
                t.chosenEntry())).toList();
    }

    /** The period's questions that shoppers labelled, as evaluation cases ({@link LabelledQuestions}). */
    public List<LabelledQuestions.Case> labelledCases(Period period) {
        return LabelledQuestions.from(store.turns(period.start(), period.end()));
    }

    public ThresholdSimulator.Result simulate(Period period, AnswerPolicy proposed) {
        return new ThresholdSimulator(engine.get(), assessments).simulate(store.turns(period.start(), period.end()), proposed);
    }

    /** The thresholds the live bot uses now. */
    public AnswerPolicy currentPolicy() {
        return engine.get().policy();
    }
}
