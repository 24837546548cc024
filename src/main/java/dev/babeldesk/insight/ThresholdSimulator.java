package dev.babeldesk.insight;

import dev.babeldesk.answering.AnswerEngine;
import dev.babeldesk.answering.AnswerPolicy;
import dev.babeldesk.answering.BotAnswer;
import dev.babeldesk.answering.Decision;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Replays stored questions through today's knowledge base at the current thresholds and at
 * proposed ones, so a shop can choose its thresholds from its own traffic. Each question is
 * assessed once (retrieval and probabilities do not depend on the thresholds) and decided twice,
 * so the two columns differ only by the thresholds.
 */
public final class ThresholdSimulator {
    public static final int MAX_QUESTIONS = 2000;
    public static final int MAX_CHANGED = 200;

    public record Counts(int answer, int clarify, int handoff) {}

    public record Side(double answerThreshold, double answerScopeThreshold, double handoffThreshold, Counts questions,
                       Counts conversations) {}

    public record Outcome(String decision, String entry, String title) {}

    public record Change(String question, String language, Outcome before, Outcome after) {}

    public record Result(int questions, int conversations, boolean truncated, Side current, Side proposed,
                         List<Change> changed) {}

    private final AnswerEngine engine;
    private final AssessmentCache assessments;

    public ThresholdSimulator(AnswerEngine engine) {
        this(engine, new AssessmentCache());
    }

    ThresholdSimulator(AnswerEngine engine, AssessmentCache assessments) {
        this.engine = engine;
        this.assessments = assessments;
    }

    /** @param turns the period's questions, oldest first; the most recent {@link #MAX_QUESTIONS} are replayed */
    public Result simulate(List<BotTurn> turns, AnswerPolicy proposed) {
        AnswerPolicy current = engine.policy();
        List<BotTurn> replayed = turns.size() > MAX_QUESTIONS ? turns.subList(turns.size() - MAX_QUESTIONS, turns.size()) : turns;
        // The engine is safe for concurrent use (every chat connection shares it); assessing is the slow part.
        List<BotAnswer[]> decided = replayed.parallelStream().map(t -> {
            AnswerEngine.Assessed assessed = assessments.assess(engine, t.question(), t.localeHint());
            return new BotAnswer[] {engine.decide(assessed, current), engine.decide(assessed, proposed)};
        }).toList();

        Map<String, Decision[]> byConversation = new LinkedHashMap<>();
        int[] before = new int[3];
        int[] after = new int[3];
        List<Change> changed = new ArrayList<>();
        for (int i = 0; i < replayed.size(); i++) {
            BotTurn turn = replayed.get(i);
            BotAnswer now = decided.get(i)[0];
            BotAnswer then = decided.get(i)[1];
            before[now.decision().ordinal()]++;
            after[then.decision().ordinal()]++;
            Decision[] worst = byConversation.computeIfAbsent(turn.conversationId(), c -> new Decision[] {Decision.ANSWER, Decision.ANSWER});
            worst[0] = worse(worst[0], now.decision());
            worst[1] = worse(worst[1], then.decision());
            if (changed.size() < MAX_CHANGED && !outcome(now).equals(outcome(then))) {
                changed.add(new Change(PersonalData.mask(turn.question()), now.detectedLanguage(), outcome(now), outcome(then)));
            }
        }
        int[] conversationsBefore = new int[3];
        int[] conversationsAfter = new int[3];
        byConversation.values().forEach(d -> {
            conversationsBefore[d[0].ordinal()]++;
            conversationsAfter[d[1].ordinal()]++;
        });
        return new Result(replayed.size(), byConversation.size(), replayed.size() < turns.size(),
                new Side(current.answerThreshold(), current.answerScopeThreshold(), current.handoffThreshold(), counts(before), counts(conversationsBefore)),
                new Side(proposed.answerThreshold(), proposed.answerScopeThreshold(), proposed.handoffThreshold(), counts(after), counts(conversationsAfter)),
                changed);
    }

    /** A conversation is as bad as its worst question: hand-off over clarify over answer. */
    private static Decision worse(Decision a, Decision b) {
        return rank(b) > rank(a) ? b : a;
    }

    private static int rank(Decision d) {
        return switch (d) {
            case ANSWER -> 0;
            case CLARIFY -> 1;
            case HANDOFF -> 2;
        };
    }

    private static Counts counts(int[] byOrdinal) {
        return new Counts(byOrdinal[Decision.ANSWER.ordinal()], byOrdinal[Decision.CLARIFY.ordinal()],
                byOrdinal[Decision.HANDOFF.ordinal()]);
    }

    private static Outcome outcome(BotAnswer a) {
        return new Outcome(a.decision().name().toLowerCase(Locale.ROOT),
                a.entry() == null ? null : a.entry().id(), a.entry() == null ? null : a.entry().title());
    }
}
