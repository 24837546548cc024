package dev.babeldesk.retrieval;

import dev.babeldesk.knowledge.KnowledgeBase;
import dev.babeldesk.knowledge.KnowledgeBaseLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Small bases in languages the sample base lacks: Swahili and Vietnamese (no Lucene analyzer, so the
 * generic one), Turkish and Arabic (Lucene analyzers with stemming).
 */
class FixtureRetrievalTest {
    @TempDir
    static Path root;

    private static KnowledgeBase kb;
    private static LuceneRetriever retriever;

    private static void write(String relative, String title, String question, String answer) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "---\ntitle: \"" + title + "\"\nquestions:\n  - \"" + question + "\"\n---\n" + answer + "\n");
    }

    @BeforeAll
    static void index() throws IOException {
        write("sw/fuatilia-agizo.md", "Agizo langu liko wapi?", "Ninawezaje kufuatilia kifurushi changu?",
                "Fungua ukurasa wa maagizo yako kuona hali ya kifurushi.");
        write("sw/njia-za-malipo.md", "Njia za malipo ni zipi?", "Je, ninaweza kulipa kwa M-Pesa?",
                "Tunakubali kadi na M-Pesa.");
        write("sw/kurudisha.md", "Ninawezaje kurudisha bidhaa?", "Muda wa kurudisha ni siku ngapi?",
                "Una siku thelathini kurudisha bidhaa.");

        write("vi/theo-doi.md", "Đơn hàng của tôi đang ở đâu?", "Làm sao để theo dõi bưu kiện?",
                "Xem trạng thái trong mục Đơn hàng.");
        write("vi/phi-van-chuyen.md", "Phí vận chuyển là bao nhiêu?", "Có miễn phí giao hàng không?",
                "Miễn phí cho đơn trên 60 EUR.");

        write("tr/siparis-takibi.md", "Siparişimi nasıl takip ederim?", "Siparişim nerede?",
                "Takip bağlantısı e-postanızda.");
        write("tr/kargo-ucreti.md", "Kargo ücreti ne kadar?", "Gönderim bedava mı?",
                "60 EUR üzeri gönderim bedava.");
        write("tr/fatura.md", "Faturamı nereden indirebilirim?", "Şirketim için fatura lazım",
                "Faturanız hesabınızda PDF olarak bulunur.");

        write("ar/returns.md", "كيف أرجع المنتج؟", "ما هي سياسة الإرجاع؟", "لديك ثلاثون يوما للإرجاع.");
        write("ar/shipping-cost.md", "كم تكلفة الشحن؟", "هل الشحن مجاني؟", "الشحن مجاني فوق 60 يورو.");
        write("ar/tracking.md", "أين طلبي؟", "أريد تتبع الطلب", "استخدم رابط التتبع في بريدك.");

        KnowledgeBaseLoader.Result result = new KnowledgeBaseLoader("en").load(root);
        assertTrue(result.valid(), result.problems()::toString);
        kb = result.knowledgeBase();
        retriever = new LuceneRetriever(kb);
    }

    private static String first(String text, String language) {
        List<Candidate> candidates = retriever.search(text, language, 3);
        assertFalse(candidates.isEmpty(), () -> "no candidate for '" + text + "' in " + language);
        return candidates.get(0).entry().id();
    }

    @Test
    void the_fixture_languages_are_loaded() {
        assertEquals(Set.of("ar", "sw", "tr", "vi"), kb.languages());
        assertFalse(LanguageAnalyzers.hasDedicatedAnalyzer("sw"));
        assertFalse(LanguageAnalyzers.hasDedicatedAnalyzer("vi"));
    }

    @ParameterizedTest(name = "[sw] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            kifurushi changu kiko wapi?     | fuatilia-agizo
            KIFURUSHI CHANGU                | fuatilia-agizo
            malipo kwa kadi                 | njia-za-malipo
            nataka kurudisha bidhaa hii     | kurudisha
            """)
    void a_language_without_an_analyzer_finds_entries_by_their_words(String question, String expected) {
        assertEquals(expected, first(question, "sw"));
    }

    @ParameterizedTest(name = "[vi] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            đơn hàng của tôi ở đâu          | theo-doi
            don hang cua toi o dau          | theo-doi
            phí vận chuyển                  | phi-van-chuyen
            phi van chuyen                  | phi-van-chuyen
            """)
    void the_generic_analyzer_folds_vietnamese_diacritics(String question, String expected) {
        assertEquals(expected, first(question, "vi"));
    }

    @ParameterizedTest(name = "[tr] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            siparişlerimin durumu           | siparis-takibi
            SİPARİŞLERİM                    | siparis-takibi
            kargonun ücretleri              | kargo-ucreti
            kargoyu                         | kargo-ucreti
            faturalarımı indirmek istiyorum | fatura
            """)
    void turkish_inflected_words_find_their_entry(String question, String expected) {
        assertEquals(expected, first(question, "tr"));
    }

    @ParameterizedTest(name = "[ar] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            بالشحن                          | shipping-cost
            الشحن للمغرب                     | shipping-cost
            المنتجات                        | returns
            والإرجاع                        | returns
            الطلبات                         | tracking
            """)
    void arabic_words_with_prefixes_and_suffixes_find_their_entry(String question, String expected) {
        assertEquals(expected, first(question, "ar"));
    }

    @Test
    void each_language_is_searched_in_its_own_index() {
        assertEquals(List.of(), retriever.search("kifurushi changu", "tr", 3));
        assertEquals(List.of(), retriever.search("kifurushi changu", "en", 3));
    }

    @Test
    void scores_and_coverage_are_bounded_on_the_fixtures() {
        for (String[] q : new String[][] {{"sw", "kifurushi changu kiko wapi?"}, {"vi", "phi van chuyen"},
                {"tr", "kargonun ücretleri"}, {"ar", "بالشحن"}}) {
            for (Candidate c : retriever.search(q[1], q[0], 3)) {
                assertTrue(c.lexical() >= 0 && c.lexical() <= LuceneRetrieverTest.LEXICAL_CEILING, q[1] + ": " + c);
                assertTrue(c.coverage() >= 0 && c.coverage() <= 1, q[1] + ": " + c);
            }
        }
    }
}
