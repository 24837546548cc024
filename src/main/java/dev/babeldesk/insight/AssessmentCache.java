package dev.babeldesk.insight;

import dev.babeldesk.answering.AnswerEngine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stored questions as today's engine assessed them. The admin page asks for the same period again
 * and again with other thresholds, and assessing is the slow part (2,000 questions take seconds
 * on two cores) while deciding at other thresholds is not. A new engine (the knowledge base or
 * its settings changed) starts afresh. The least recently used assessments go first.
 */
final class AssessmentCache {
    static final int MAX = 2 * ThresholdSimulator.MAX_QUESTIONS;

    private AnswerEngine engine;
    private final Map<List<String>, AnswerEngine.Assessed> byQuestion = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<List<String>, AnswerEngine.Assessed> eldest) {
            return size() > MAX;
        }
    };
    private long hits;

    /** The question as {@code engine} assesses it, computed at most once while the engine is the same. */
    AnswerEngine.Assessed assess(AnswerEngine engine, String question, String localeHint) {
        List<String> key = java.util.Arrays.asList(question, localeHint);
        synchronized (this) {
            if (this.engine != engine) {
                byQuestion.clear();
                this.engine = engine;
            }
            AnswerEngine.Assessed known = byQuestion.get(key);
            if (known != null) {
                hits++;
                return known;
            }
        }
        // Outside the lock: the simulator assesses on both cores.
        AnswerEngine.Assessed assessed = engine.assess(question, localeHint);
        synchronized (this) {
            if (this.engine == engine) byQuestion.put(key, assessed);
        }
        return assessed;
    }

    synchronized int size() {
        return byQuestion.size();
    }

    synchronized long hits() {
        return hits;
    }
}
