package dev.babeldesk.retrieval;

import dev.babeldesk.knowledge.KnowledgeBase;
import dev.babeldesk.knowledge.KnowledgeBaseLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Retrieval on the bundled sample knowledge base (the project root is the working directory). */
class LuceneRetrieverTest {
    /**
     * The lexical score is "0 nothing matched, towards 1 everything matched" (Candidate); this is the
     * loosest reading of "towards 1".
     */
    static final double LEXICAL_CEILING = 1.5;

    private static LuceneRetriever retriever;

    @BeforeAll
    static void index() {
        KnowledgeBaseLoader.Result result = new KnowledgeBaseLoader("en").load(Path.of("knowledge-base"));
        assertTrue(result.valid(), result.errors()::toString);
        KnowledgeBase kb = result.knowledgeBase();
        retriever = new LuceneRetriever(kb);
    }

    private static String first(String text, String language) {
        List<Candidate> candidates = retriever.search(text, language, 5);
        assertFalse(candidates.isEmpty(), () -> "no candidate for '" + text + "' in " + language);
        return candidates.get(0).entry().id();
    }

    @ParameterizedTest(name = "[{0}] {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            zh | 可以用支付宝付款吗                 | payment-methods
            zh | 收到的东西已经坏了怎么办           | damaged-item
            zh | 发票怎么开                         | invoice
            ja | 荷物が今どこにあるか知りたいです   | track-order
            ja | 領収書を発行してもらえますか       | invoice
            ja | 注文をキャンセルしたいです         | cancel-order
            """)
    void a_chinese_or_japanese_question_finds_its_entry_first(String language, String question, String expected) {
        assertEquals(expected, first(question, language));
    }

    @ParameterizedTest(name = "[de] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            Rücksendung kostenlos?               | return-shipping-cost
            rucksendung kostenlos?               | return-shipping-cost
            RÜCKSENDUNG KOSTENLOS                | return-shipping-cost
            Umtauschen in eine andere Größe      | exchange
            umtauschen in eine andere grosse     | exchange
            Rechnungen herunterladen             | invoice
            Wie lange dauern Erstattungen        | refund-time
            """)
    void german_inflected_and_unaccented_queries_find_their_entry(String question, String expected) {
        assertEquals(expected, first(question, "de"));
    }

    @ParameterizedTest(name = "[fr] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            délai de remboursement               | refund-time
            delai de remboursement               | refund-time
            mon colis est arrivé endommagé       | damaged-item
            mon colis est arrive endommage       | damaged-item
            échanger la taille                   | exchange
            echanger la taille                   | exchange
            """)
    void french_accented_and_unaccented_queries_find_their_entry(String question, String expected) {
        assertEquals(expected, first(question, "fr"));
    }

    @Test
    void accents_do_not_change_the_scores() {
        Candidate accented = retriever.search("mon colis est arrivé endommagé", "fr", 1).get(0);
        Candidate plain = retriever.search("mon colis est arrive endommage", "fr", 1).get(0);

        assertEquals(accented.entry().id(), plain.entry().id());
        assertEquals(accented.lexical(), plain.lexical(), 1e-9);
        assertEquals(accented.coverage(), plain.coverage(), 1e-9);
    }

    @Test
    void a_spanish_question_finds_its_entry() {
        assertEquals("return-shipping-cost", first("¿la devolucion es gratis?", "es"));
        assertEquals("return-window", first("¿Cuánto tiempo tengo para devolver un artículo?", "es"));
    }

    @ParameterizedTest(name = "[{0}] {1}")
    @CsvSource(delimiter = '|', textBlock = """
            en | How long does delivery take to Canada?
            en | where is my parcel
            de | wo ist mein Paket
            fr | délai de remboursement
            zh | 可以用支付宝付款吗
            ja | 届いた商品が壊れていました
            en | what's the weather in Paris tomorrow
            """)
    void scores_and_coverage_stay_in_their_ranges(String language, String question) {
        List<Candidate> candidates = retriever.search(question, language, 10);

        assertFalse(candidates.isEmpty());
        for (Candidate c : candidates) {
            assertTrue(c.lexical() >= 0 && c.lexical() <= LEXICAL_CEILING, c.entry().id() + " lexical " + c.lexical());
            assertTrue(c.coverage() >= 0 && c.coverage() <= 1, c.entry().id() + " coverage " + c.coverage());
            assertEquals(0, c.dense(), "no embedding model here");
        }
        for (int i = 1; i < candidates.size(); i++) {
            assertTrue(candidates.get(i - 1).score() >= candidates.get(i).score(), "best first");
        }
    }

    @Test
    void a_short_question_of_common_words_scores_about_one() {
        for (String question : List.of("my order", "refund", "shipping")) {
            Candidate best = retriever.search(question, "en", 1).get(0);
            assertTrue(best.lexical() <= LEXICAL_CEILING, question + " scores " + best.lexical());
        }
    }

    @Test
    void a_question_matching_an_entry_fully_has_full_coverage() {
        Candidate best = retriever.search("rücksendung kostenlos?", "de", 1).get(0);

        assertEquals("return-shipping-cost", best.entry().id());
        assertEquals(1.0, best.coverage(), 1e-9);
    }

    @Test
    void an_off_topic_question_has_low_coverage() {
        List<Candidate> candidates = retriever.search("what's the weather in Paris tomorrow", "en", 10);

        for (Candidate c : candidates) {
            assertTrue(c.coverage() < 0.2, c.entry().id() + " coverage " + c.coverage());
            assertTrue(c.lexical() < 0.2, c.entry().id() + " lexical " + c.lexical());
        }
    }

    @Test
    void a_question_of_unknown_words_finds_nothing() {
        assertEquals(List.of(), retriever.search("xylophone zeppelin quasar", "en", 5));
    }

    @Test
    void a_language_without_an_index_finds_nothing() {
        assertEquals(List.of(), retriever.search("Dov'è il mio pacco?", "it", 5));
    }

    @Test
    void honours_the_limit() {
        assertEquals(2, retriever.search("order", "en", 2).size());
    }
}
