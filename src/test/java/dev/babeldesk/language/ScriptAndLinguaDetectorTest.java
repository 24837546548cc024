package dev.babeldesk.language;

import dev.babeldesk.language.LanguageDetector.Detection;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScriptAndLinguaDetectorTest {
    /** Built once: lingua takes a few seconds to load its models. */
    private static ScriptAndLinguaDetector detector;

    @BeforeAll
    static void build() {
        detector = new ScriptAndLinguaDetector(Set.of("en", "es", "de", "fr", "zh", "ja"), "en");
    }

    @Test
    void chinese_text_is_chinese() {
        Detection d = detector.detect("我的包裹什么时候能到？", null);

        assertEquals(new Detection("zh", true), d);
    }

    @Test
    void japanese_text_with_kana_is_japanese_even_on_a_chinese_page() {
        assertEquals(new Detection("ja", true), detector.detect("荷物はいつ届きますか？", null));
        assertEquals(new Detection("ja", true), detector.detect("荷物はいつ届きますか？", "zh"));
    }

    @Test
    void kanji_only_text_on_a_japanese_page_is_japanese() {
        assertEquals("ja", detector.detect("返品期限", "ja").language());
    }

    @Test
    void kanji_only_text_without_a_japanese_prior_is_chinese() {
        assertEquals("zh", detector.detect("返品期限", null).language());
        assertEquals("zh", detector.detect("返品期限", "en").language());
    }

    @ParameterizedTest(name = "{0} is {2} even when the page says {1}")
    @CsvSource(delimiter = '|', textBlock = """
            ¿Cuánto tiempo tarda en llegar mi pedido a Barcelona?              | de | es
            Wie lange dauert der Versand nach Österreich normalerweise?        | fr | de
            Combien de temps faut-il pour recevoir ma commande en Belgique ?   | es | fr
            How long does it usually take for my order to arrive?              | de | en
            """)
    void a_clear_sentence_overrules_a_different_prior(String text, String prior, String expected) {
        Detection d = detector.detect(text, prior);

        assertEquals(expected, d.language());
        assertTrue(d.fromText(), "the text decided");
    }

    @ParameterizedTest(name = "{0} on a {1} page stays {1}")
    @CsvSource(delimiter = '|', textBlock = """
            ok     | de
            ok     | fr
            hola?  | en
            merci  | de
            danke  | fr
            """)
    void a_very_short_message_keeps_the_prior(String text, String prior) {
        Detection d = detector.detect(text, prior);

        assertEquals(new Detection(prior, false), d);
    }

    @ParameterizedTest(name = "{0} on a {1} page")
    @CsvSource(delimiter = '|', textBlock = """
            12345678                             | fr
            '#A-10234'                           | de
            ORD-2024-5567                        | es
            https://shop.example.com/orders/123  | fr
            """)
    void an_order_number_or_link_alone_keeps_the_prior(String text, String prior) {
        assertEquals(new Detection(prior, false), detector.detect(text, prior));
    }

    @Test
    void digits_alone_without_a_prior_give_the_default_language() {
        assertEquals(new Detection("en", false), detector.detect("12345678", null));
        assertEquals(new Detection("en", false), detector.detect("   ", null));
    }

    @Test
    void a_prior_outside_the_base_is_ignored() {
        Detection d = detector.detect("4711", "it");

        assertEquals(new Detection("en", false), d);
    }

    @Test
    void a_regional_prior_matches_its_language_folder() {
        assertEquals(new Detection("de", false), detector.detect("ok", "de-AT"));
    }

    @Test
    void an_order_number_inside_a_sentence_does_not_change_the_language() {
        Detection d = detector.detect("Wo ist meine Bestellung 4711-2033-88?", "en");

        assertEquals("de", d.language());
    }

    @Test
    void answers_only_with_the_languages_it_was_built_for() {
        ScriptAndLinguaDetector englishGerman = new ScriptAndLinguaDetector(Set.of("en", "de"), "en");
        List<String> foreign = List.of(
                "Voglio restituire le scarpe che ho comprato la settimana scorsa",
                "Quanto costa la spedizione in Italia?",
                "Obrigado pela ajuda, quero devolver o produto",
                "Я хочу вернуть заказ",
                "我的包裹什么时候能到？");

        for (String text : foreign) {
            for (String prior : new String[] {null, "de", "it"}) {
                String language = englishGerman.detect(text, prior).language();
                assertTrue(Set.of("en", "de").contains(language), text + " with prior " + prior + " gave " + language);
            }
        }
    }

    @Test
    void han_text_in_a_base_without_chinese_is_japanese() {
        ScriptAndLinguaDetector englishJapanese = new ScriptAndLinguaDetector(Set.of("en", "ja"), "en");

        assertEquals(new Detection("ja", true), englishJapanese.detect("返品期限", null));
    }

    @Test
    void beside_japanese_alone_a_latin_sentence_is_the_other_language_and_a_short_word_keeps_the_japanese_page() {
        ScriptAndLinguaDetector englishJapanese = new ScriptAndLinguaDetector(Set.of("en", "ja"), "en");

        assertEquals(new Detection("en", true), englishJapanese.detect("When will my refund arrive?", "ja"));
        assertEquals(new Detection("ja", false), englishJapanese.detect("ok", "ja"));
        assertEquals(new Detection("ja", true), englishJapanese.detect("返品できますか", "en"));
    }

    @Test
    void a_base_with_one_language_needs_no_model() {
        ScriptAndLinguaDetector german = new ScriptAndLinguaDetector(Set.of("de"), "de");

        assertEquals(new Detection("de", false), german.detect("How long does delivery take?", null));
    }

    @Test
    void names_languages_it_cannot_recognise() {
        assertEquals(List.of(), detector.unrecognisable());
        assertFalse(new ScriptAndLinguaDetector(Set.of("en", "tlh"), "en").unrecognisable().isEmpty());
    }

    @Test
    void a_script_only_one_language_of_the_base_uses_settles_it_even_short_and_on_another_page() {
        ScriptAndLinguaDetector withArabic = new ScriptAndLinguaDetector(Set.of("en", "de", "ar"), "en");
        assertEquals(new Detection("ar", true), withArabic.detect("أين طلبي", "en"), "two Arabic words on an English page");
        assertEquals(new Detection("ar", true), withArabic.detect("أريد إرجاع Nike Air Max 90 من فضلك", "en"),
                "Arabic around a Latin product name");
        assertEquals("en", withArabic.detect("Where is my order from the Dubai Mall shop?", null).language());
    }

    @Test
    void two_chinese_characters_among_a_latin_name_are_chinese() {
        assertEquals(new Detection("zh", true), detector.detect("我想退Apple Watch Series Ultra", null));
        assertEquals(new Detection("ja", true), detector.detect("Nintendo Switchの返品", "en"));
        assertEquals("en", detector.detect("Can I return the 茶 set I bought?", "en").language(), "one character is a quotation");
    }

    @Test
    void capitalised_names_do_not_outvote_the_sentence_around_them() {
        ScriptAndLinguaDetector eight = new ScriptAndLinguaDetector(Set.of("en", "de", "it", "nl", "tr", "ar", "zh", "ja"), "en");
        assertEquals("it", eight.detect("Dai cinque stelle a The Lord of the Rings", null).language());
        assertEquals("it", eight.detect("Mettilo nella playlist Summer Road Trip Hits", null).language());
        assertEquals("de", eight.detect("Wann kommt meine Bestellung von Urban Outfitters London an", null).language());
        assertEquals("en", eight.detect("Where Is My Order", "en").language(), "title case English stays English");
    }

    @Test
    void without_a_declared_locale_a_short_clear_message_overrules_the_default_language() {
        assertEquals(new Detection("de", true), detector.detect("Paket kaputt", null));
        assertEquals(new Detection("en", false), detector.detect("Paket kaputt", "en"), "a declared locale still holds for short text");
    }
}
