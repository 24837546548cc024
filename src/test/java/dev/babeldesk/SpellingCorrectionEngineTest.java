package dev.babeldesk;

import dev.babeldesk.answering.AnswerEngine;
import dev.babeldesk.answering.BotAnswer;
import dev.babeldesk.answering.Decision;
import dev.babeldesk.config.Config;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Slips in an English question on the bundled base: corrected before retrieval, they are answered
 * like the question spelt right. Without correction both went through the clarify step.
 */
class SpellingCorrectionEngineTest {
    private final AnswerEngine engine = Wiring.answerEngine(Wiring.knowledgeBase(Path.of("knowledge-base"), "en"),
            Config.defaults());

    private void answeredDirectly(String question, String entry) {
        BotAnswer answer = engine.answer(question, "en");
        assertEquals(Decision.ANSWER, answer.decision(), question + " → " + answer.candidates());
        assertEquals(entry, answer.entry().id());
    }

    @Test
    void a_question_with_typing_slips_is_answered_like_the_one_spelt_right() {
        answeredDirectly("when do I get my refund", "refund-time");
        answeredDirectly("when do I get my refnd", "refund-time");
        answeredDirectly("why do I have to pay customs fees", "customs-duties");
        answeredDirectly("why do I have to pay custms fees", "customs-duties");
    }
}
