package dev.babeldesk.answering;

import dev.babeldesk.Wiring;
import dev.babeldesk.config.Config;
import dev.babeldesk.knowledge.KnowledgeBase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A base whose German folder lacks some English answers. */
class PartialTranslationTest {
    @TempDir
    static Path root;

    private static KnowledgeBase kb;
    private static AnswerEngine engine;

    static void write(Path base, String relative, String title, String question, String answer) throws IOException {
        Path file = base.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "---\ntitle: \"" + title + "\"\nquestions:\n  - \"" + question + "\"\n---\n" + answer + "\n");
    }

    @BeforeAll
    static void wire() throws IOException {
        write(root, "en/track-order.md", "How can I track my order?", "Where is my parcel?",
                "Use the tracking link in your shipping email.");
        write(root, "en/payment-methods.md", "Can I pay with PayPal or Klarna?", "Do you take Apple Pay?",
                "We accept PayPal, Klarna, Apple Pay and cards.");
        write(root, "en/gift-cards.md", "Do you sell gift cards?", "Can I buy a voucher for a friend?",
                "Yes, from 10 to 200 EUR.");
        write(root, "en/shipping-cost.md", "How much does shipping cost?", "Is delivery free?",
                "Standard shipping is 4.95 EUR, free over 60 EUR.");
        write(root, "de/track-order.md", "Wie kann ich meine Bestellung verfolgen?", "Wo ist mein Paket?",
                "Nutze den Link in der Versandmail.");
        write(root, "de/shipping-cost.md", "Was kostet der Versand?", "Ist die Lieferung kostenlos?",
                "Standardversand kostet 4,95 EUR, ab 60 EUR kostenlos.");
        kb = Wiring.knowledgeBase(root, "en");
        engine = Wiring.answerEngine(kb, inMemory(Config.defaults()));
    }

    /** The configuration as it is, with the vector cache in memory rather than under the project. */
    static Config inMemory(Config config) {
        return config.withEmbeddingModels(config.embeddingModels(), null);
    }

    @Test
    void a_german_question_about_an_untranslated_entry_gets_the_english_answer() {
        BotAnswer answer = engine.answer("Apple Pay oder PayPal?", "de");

        assertEquals(Decision.ANSWER, answer.decision());
        assertEquals("de", answer.detectedLanguage());
        assertEquals("payment-methods", answer.entry().id());
        assertEquals("en", answer.entry().language());
        assertEquals("en", answer.language());
        assertTrue(answer.translationMissing());
    }

    @Test
    void a_blind_english_scope_is_no_reason_to_leave_german_unless_german_has_nothing() {
        AnswerEngine seeing = lexicalEngine(Map.of("en", 0.8, "de", 0.8));
        AnswerEngine blindEnglish = lexicalEngine(Map.of("en", 0.5, "de", 0.8));
        String mixed = "Versand mit PayPal oder Klarna?"; // a German word of a German entry, two of an English one

        BotAnswer seen = seeing.answer(mixed, "de");
        assertEquals("payment-methods", seen.choices().get(0).id(), "English scores better and its score means something");
        assertEquals("en", seen.language());
        BotAnswer guessed = blindEnglish.answer(mixed, "de");
        assertEquals("shipping-cost", guessed.choices().get(0).id(), "English's score is a guess");
        assertEquals("de", guessed.language());
        BotAnswer nothingInGerman = blindEnglish.answer("Apple Pay oder PayPal?", "de");
        assertEquals("en", nothingInGerman.language());
        assertEquals(Decision.CLARIFY, nothingInGerman.decision(), "offered, not answered outright: English is blind");
        assertEquals("payment-methods", nothingInGerman.choices().get(0).id());
    }

    /**
     * BM25 only, the fixed confidence mapping, and the given scope separations (below 0.6: blind);
     * no hand-off for low confidence, so that the offered choices show which language was searched.
     */
    private static AnswerEngine lexicalEngine(Map<String, Double> separation) {
        ConfidenceModel confidence = new ConfidenceModel(Map.of(), ConfidenceModel.uncalibrated(), java.util.Set.of(), separation);
        return new AnswerEngine(kb, new dev.babeldesk.language.ScriptAndLinguaDetector(kb.languages(), "en"),
                new dev.babeldesk.retrieval.LuceneRetriever(kb, Map.of(), dev.babeldesk.retrieval.LuceneRetriever.DEFAULT_LEXICAL_WEIGHT),
                confidence, PhraseLexicon.fromResource("/lexicon/human-request.yaml"), new AnswerPolicy(0.87, 0.40, 0.0), "en");
    }

    @Test
    void a_german_question_about_a_translated_entry_gets_the_german_answer() {
        BotAnswer answer = engine.answer("Wo ist mein Paket?", "de");

        assertEquals(Decision.ANSWER, answer.decision());
        assertEquals("track-order", answer.entry().id());
        assertEquals("de", answer.entry().language());
        assertEquals("de", answer.language());
        assertFalse(answer.translationMissing());
    }

    @Test
    void choices_offered_from_the_english_folder_are_flagged_as_untranslated() {
        BotAnswer answer = engine.answer("Apple Pay oder PayPal?", "de", new AnswerPolicy(Double.MAX_VALUE, 0.0, 0.0));

        assertEquals(Decision.CLARIFY, answer.decision());
        assertEquals("payment-methods", answer.choices().get(0).id());
        assertEquals("en", answer.choices().get(0).language());
        assertEquals("en", answer.language());
        assertTrue(answer.translationMissing());
    }

    @Test
    void falls_back_to_english_even_when_the_german_folder_is_as_large(@TempDir Path other) throws IOException {
        write(other, "en/track-order.md", "How can I track my order?", "Where is my parcel?", "Use the tracking link.");
        write(other, "en/gift-cards.md", "Do you sell gift cards?", "Can I buy a gift card for a friend?", "Yes, 10-200 EUR.");
        write(other, "de/track-order.md", "Wie kann ich meine Bestellung verfolgen?", "Wo ist mein Paket?", "Link in der Mail.");
        write(other, "de/newsletter.md", "Wie melde ich mich vom Newsletter ab?", "Keine Werbemails mehr", "Abmelden klicken.");
        KnowledgeBase kb = Wiring.knowledgeBase(other, "en");
        AnswerEngine engine = Wiring.answerEngine(kb, inMemory(Config.defaults()));

        BotAnswer answer = engine.answer("Verkauft ihr gift cards?", "de");

        assertEquals("de", answer.detectedLanguage());
        assertTrue(answer.candidates().stream().anyMatch(c -> c.id().equals("gift-cards")), answer.candidates()::toString);
    }

    @Test
    void a_message_matching_nothing_does_not_crash_when_the_handoff_threshold_is_zero() {
        // lexical retrieval only (retrieval.embedding-models: "*=none"), where a message can match no entry at all
        AnswerEngine lexical = Wiring.answerEngine(kb, Config.defaults().withEmbeddingModels(Map.of("*", "none"), null));

        BotAnswer answer = assertDoesNotThrow(() -> lexical.answer("the weather tomorrow", "en", new AnswerPolicy(0.7, 0.0, 0.0)));

        assertTrue(answer.candidates().isEmpty());
    }
}
