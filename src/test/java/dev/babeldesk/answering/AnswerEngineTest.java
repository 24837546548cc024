package dev.babeldesk.answering;

import dev.babeldesk.Wiring;
import dev.babeldesk.config.Config;
import dev.babeldesk.knowledge.Entry;
import dev.babeldesk.knowledge.KnowledgeBase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole decision path on the bundled sample base, wired as the server wires it: default
 * configuration (thresholds, embedding models, calibration), except that the vector cache stays in
 * memory instead of being written under the project.
 */
class AnswerEngineTest {
    private static AnswerEngine engine;

    @BeforeAll
    static void wire() {
        KnowledgeBase kb = Wiring.knowledgeBase(Path.of("knowledge-base"), "en");
        Config defaults = Config.defaults();
        engine = Wiring.answerEngine(kb, defaults.withEmbeddingModels(defaults.embeddingModels(), null));
    }

    @ParameterizedTest(name = "[{1}] {0} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            Do you take payment by Klarna?                   | en | payment-methods
            I need an invoice with my company's VAT number   | en | invoice
            Can I swap these shoes for a bigger size?        | en | exchange
            """)
    void answers_a_clear_question_with_the_right_entry(String question, String page, String expected) {
        BotAnswer answer = engine.answer(question, page);

        assertAll(
                () -> assertEquals(Decision.ANSWER, answer.decision()),
                () -> assertNull(answer.handoffReason()),
                () -> assertEquals(expected, answer.entry().id()),
                () -> assertEquals("en", answer.entry().language()),
                () -> assertEquals(expected, answer.candidates().get(0).id()),
                () -> assertFalse(answer.translationMissing()),
                () -> assertEquals(List.of(), answer.choices()));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "Can you recommend a good restaurant in Berlin?",
            "Who won the football match yesterday?",
    })
    void hands_off_an_off_topic_question_for_low_confidence(String question) {
        BotAnswer answer = engine.answer(question, "en");

        assertEquals(Decision.HANDOFF, answer.decision());
        assertEquals(HandoffReason.LOW_CONFIDENCE, answer.handoffReason());
        assertNull(answer.entry());
        assertTrue(answer.confidence() < 0.5, "confidence " + answer.confidence());
    }

    @Test
    void hands_off_the_weather_question_for_low_confidence() {
        BotAnswer answer = engine.answer("what's the weather in Paris tomorrow", "en");

        assertEquals(Decision.HANDOFF, answer.decision());
        assertEquals(HandoffReason.LOW_CONFIDENCE, answer.handoffReason());
    }

    @Test
    void hands_off_a_complaint_through_its_handoff_entry() {
        BotAnswer answer = engine.answer("I want to complain about your service", "en");

        assertEquals(Decision.HANDOFF, answer.decision());
        assertEquals(HandoffReason.HANDOFF_ENTRY, answer.handoffReason());
        assertEquals("complaint", answer.entry().id());
        assertTrue(answer.entry().handoff());
    }

    @Test
    void hands_off_a_german_complaint_with_the_german_handoff_entry() {
        BotAnswer answer = engine.answer("Ich will mich über euren Service beschweren", "de");

        assertEquals(HandoffReason.HANDOFF_ENTRY, answer.handoffReason());
        assertEquals("complaint", answer.entry().id());
        assertEquals("de", answer.entry().language());
        assertEquals("de", answer.language());
    }

    @Test
    void hands_off_an_explicit_request_for_a_person_whatever_else_the_message_asks() {
        BotAnswer answer = engine.answer("My parcel is lost, I want to talk to a real person", "en");

        assertEquals(Decision.HANDOFF, answer.decision());
        assertEquals(HandoffReason.EXPLICIT_REQUEST, answer.handoffReason());
    }

    @Test
    void hands_off_an_explicit_request_in_another_language_than_the_page() {
        BotAnswer answer = engine.answer("Quiero hablar con una persona", "en");

        assertEquals(HandoffReason.EXPLICIT_REQUEST, answer.handoffReason());
    }

    @Test
    void offers_choices_best_first_when_confidence_is_in_the_middle_band() {
        AnswerPolicy middle = new AnswerPolicy(0.99, 0.0, 0.0);

        BotAnswer answer = engine.answer("refund", "en", middle);

        assertEquals(Decision.CLARIFY, answer.decision());
        assertNull(answer.entry());
        List<String> choices = answer.choices().stream().map(Entry::id).toList();
        assertTrue(choices.size() >= 2 && choices.size() <= 3, "choices " + choices);
        assertEquals(answer.candidates().get(0).id(), choices.get(0), "the best candidate is offered first");
        assertTrue(choices.containsAll(List.of("refund-status", "refund-time")), "choices " + choices);
        assertEquals(choices.size(), choices.stream().distinct().count(), "no entry offered twice");
        assertTrue(answer.choices().stream().allMatch(e -> e.language().equals("en")));
        assertEquals(0.99, answer.answerThreshold());
        assertEquals(0.0, answer.handoffThreshold());
    }

    @Test
    void offers_choices_in_the_language_of_the_question() {
        BotAnswer answer = engine.answer("¿Hasta cuándo puedo devolver unos zapatos?", "en", new AnswerPolicy(0.99, 0.0, 0.0));

        assertEquals(Decision.CLARIFY, answer.decision());
        assertEquals("es", answer.language());
        assertEquals("return-window", answer.choices().get(0).id());
        assertTrue(answer.choices().stream().allMatch(e -> e.language().equals("es")), answer.choices()::toString);
    }

    @ParameterizedTest(name = "[{1}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            ¿Cuánto tiempo tengo para devolver un artículo?            | es | return-window
            Kann ich mit PayPal bezahlen?                              | de | payment-methods
            Comment obtenir une facture pour mon entreprise ?          | fr | invoice
            注文をキャンセルしたいです                                 | ja | cancel-order
            我想取消订单                                               | zh | cancel-order
            """)
    void replies_in_the_language_of_the_question_not_of_the_page(String question, String language, String expected) {
        BotAnswer answer = engine.answer(question, "en");

        assertAll(
                () -> assertEquals(Decision.ANSWER, answer.decision()),
                () -> assertEquals(language, answer.detectedLanguage()),
                () -> assertEquals(language, answer.language()),
                () -> assertEquals(expected, answer.entry().id()),
                () -> assertEquals(language, answer.entry().language()),
                () -> assertTrue(answer.languageFromText()),
                () -> assertFalse(answer.translationMissing()));
    }

    @Test
    void the_answer_carries_its_evidence_and_thresholds() {
        BotAnswer answer = engine.answer("Can I swap these shoes for a bigger size?", "en");

        assertEquals(Config.defaults().answerThreshold(), answer.answerThreshold());
        assertEquals(Config.defaults().handoffThreshold(), answer.handoffThreshold());
        assertTrue(answer.candidates().size() <= 3 && !answer.candidates().isEmpty());
        assertEquals(answer.confidence(), answer.candidates().get(0).confidence());
        for (ScoredEntry c : answer.candidates()) {
            assertTrue(c.confidence() >= 0 && c.confidence() <= 1, c.toString());
        }
    }

    @Test
    void a_message_without_words_is_handed_off_in_the_page_language() {
        BotAnswer answer = engine.answer("?!", "de");

        assertEquals(Decision.HANDOFF, answer.decision());
        assertEquals(HandoffReason.LOW_CONFIDENCE, answer.handoffReason());
        assertEquals("de", answer.language());
        assertFalse(answer.languageFromText());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"my order", "refund"})
    void an_ambiguous_short_question_gets_choices_not_an_answer(String question) {
        BotAnswer answer = engine.answer(question, "en");

        assertEquals(Decision.CLARIFY, answer.decision(), () -> "answered with " + answer.entry());
        assertTrue(answer.choices().size() >= 2, answer.choices()::toString);
    }

    @Test
    void the_engine_reports_its_policy() {
        Config defaults = Config.defaults();

        assertEquals(new AnswerPolicy(defaults.answerThreshold(), defaults.answerScopeThreshold(), defaults.handoffThreshold()), engine.policy());
    }
}
