package dev.babeldesk.insight;

import dev.babeldesk.Wiring;
import dev.babeldesk.answering.AnswerEngine;
import dev.babeldesk.answering.AnswerPolicy;
import dev.babeldesk.config.Config;
import dev.babeldesk.knowledge.KnowledgeBase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The simulator assesses a stored question once per engine, however often the admin page asks. */
class AssessmentCacheTest {
    private static KnowledgeBase kb;
    private static Config lexicalOnly;

    @BeforeAll
    static void load() {
        kb = Wiring.knowledgeBase(Path.of("src/test/resources/calibration-fixture"), "en");
        lexicalOnly = Config.defaults().withEmbeddingModels(Map.of("*", "none"), null);
    }

    private static BotTurn turn(String conversation, long seq, String question) {
        return new BotTurn(conversation, seq, question, "en", "en", "answer", null, null, null, null, null, null, null,
                Instant.parse("2026-11-20T10:00:00Z"));
    }

    @Test
    void a_second_simulation_with_other_thresholds_reuses_the_assessments_and_a_new_engine_does_not() {
        AnswerEngine engine = Wiring.answerEngine(kb, lexicalOnly);
        AssessmentCache cache = new AssessmentCache();
        List<BotTurn> turns = List.of(turn("c1", 2, "how many days do I have to send back my shoes"),
                turn("c1", 4, "can I pay with paypal"), turn("c2", 2, "what is the weather in Lisbon"));

        ThresholdSimulator.Result first = new ThresholdSimulator(engine, cache).simulate(turns, new AnswerPolicy(0.9, 0.4, 0.25));
        assertEquals(3, cache.size());
        assertEquals(0, cache.hits());

        ThresholdSimulator.Result second = new ThresholdSimulator(engine, cache).simulate(turns, new AnswerPolicy(1.0, 1.0, 1.0));
        assertEquals(3, cache.hits(), "every question came from the cache");
        assertEquals(first.current(), second.current(), "the current thresholds decide the same");
        assertEquals(3, second.proposed().questions().handoff(), "and the proposed ones were applied");

        AnswerEngine reloaded = Wiring.answerEngine(kb, lexicalOnly);
        new ThresholdSimulator(reloaded, cache).simulate(turns, new AnswerPolicy(0.9, 0.4, 0.25));
        assertEquals(3, cache.hits(), "a new engine assesses afresh");
        assertEquals(3, cache.size());
    }
}
