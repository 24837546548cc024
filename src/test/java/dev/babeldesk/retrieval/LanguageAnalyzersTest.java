package dev.babeldesk.retrieval;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LanguageAnalyzersTest {

    private static List<String> terms(String language, String text) throws IOException {
        List<String> out = new ArrayList<>();
        try (Analyzer analyzer = LanguageAnalyzers.forLanguage(language);
             TokenStream stream = analyzer.tokenStream("questions", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) out.add(term.toString());
            stream.end();
        }
        return out;
    }

    @Test
    void knows_which_languages_have_a_lucene_analyzer() {
        assertTrue(LanguageAnalyzers.hasDedicatedAnalyzer("de"));
        assertTrue(LanguageAnalyzers.hasDedicatedAnalyzer("pt-BR"), "the primary subtag decides");
        assertTrue(LanguageAnalyzers.hasDedicatedAnalyzer("zh-Hant"));
        assertFalse(LanguageAnalyzers.hasDedicatedAnalyzer("sw"));
        assertFalse(LanguageAnalyzers.hasDedicatedAnalyzer("vi"));
    }

    @Test
    void german_stems_plurals_and_folds_umlauts() throws IOException {
        assertEquals(terms("de", "Rücksendung"), terms("de", "rucksendung"));
        assertEquals(terms("de", "Rücksendung"), terms("de", "Rücksendungen"));
    }

    @Test
    void french_drops_elision_and_folds_accents() throws IOException {
        assertEquals(terms("fr", "échanger"), terms("fr", "l'echange"));
        assertEquals(terms("fr", "délai"), terms("fr", "delai"));
    }

    @Test
    void spanish_folds_accents() throws IOException {
        assertEquals(terms("es", "devolución"), terms("es", "devolucion"));
    }

    @Test
    void english_drops_stop_words_and_stems() throws IOException {
        assertEquals(List.of("track", "order"), terms("en", "Tracking the orders"));
    }

    @Test
    void chinese_is_segmented_into_words() throws IOException {
        List<String> terms = terms("zh", "我想退货");

        assertTrue(terms.contains("退货"), terms.toString());
    }

    @Test
    void japanese_is_segmented_into_words() throws IOException {
        List<String> terms = terms("ja", "返品したいです");

        assertTrue(terms.contains("返品"), terms.toString());
    }

    @Test
    void the_generic_analyzer_lower_cases_folds_and_splits_han_into_bigrams() throws IOException {
        assertEquals(List.of("agizo", "langu", "don", "hang", "東京", "京都"), terms("sw", "Agizo LANGU Đơn hàng 東京都"));
    }
}
