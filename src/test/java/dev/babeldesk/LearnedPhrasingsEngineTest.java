package dev.babeldesk;

import dev.babeldesk.answering.AnswerEngine;
import dev.babeldesk.config.Config;
import dev.babeldesk.knowledge.KnowledgeBase;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** The engine ranks by learned phrasings however it is built: from a base that carries them, or with them given apart. */
class LearnedPhrasingsEngineTest {
    // Words that share nothing with any entry's phrasings: only the learned one can put "password" first.
    private static final String ASKED = "zorblax quux frobnicate";
    private static final Map<String, Map<String, List<String>>> LEARNED = Map.of("en", Map.of("password", List.of(ASKED)));

    private final KnowledgeBase files = Wiring.knowledgeBase(Path.of("src/test/resources/calibration-fixture"), "en");

    private static String first(AnswerEngine engine) {
        return engine.answer(ASKED, "en").candidates().get(0).id();
    }

    @Test
    void an_engine_built_from_a_base_that_carries_learned_phrasings_uses_them() {
        Config config = Config.defaults();
        assertNotEquals("password", first(Wiring.answerEngine(files, config)), "the test needs a question the files alone miss");
        assertEquals("password", first(Wiring.answerEngine(files.withLearned(LEARNED), config)));
    }

    @Test
    void an_engine_built_with_learned_phrasings_given_apart_uses_them_and_a_later_build_without_drops_them() {
        Wiring.AnswerEngineBuilder builder = new Wiring.AnswerEngineBuilder(Config.defaults());
        assertEquals("password", first(builder.build(files, () -> LEARNED)));
        assertNotEquals("password", first(builder.build(files, Map::of)));
    }
}
