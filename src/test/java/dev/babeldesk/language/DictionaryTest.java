package dev.babeldesk.language;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DictionaryTest {
    private final Dictionary english = Dictionary.forLanguage("en").orElseThrow();

    @Test
    void english_knows_lemmas_inflections_irregular_forms_and_the_function_words_wordnet_leaves_out() {
        for (String word : new String[] {"parcel", "parcels", "tracking", "shipped", "stopped", "delivered", "geese",
                "went", "easily", "will", "chat", "live", "the", "doesnt", "your", "thanks"}) {
            assertTrue(english.contains(word), word);
        }
        assertTrue(english.size() > 80_000, "WordNet's single-word lemmas: " + english.size());
    }

    @Test
    void typing_slips_are_not_words() {
        for (String slip : new String[] {"ordr", "cancell", "refnd", "parcle", "adress", "custms", "delievry"}) {
            assertFalse(english.contains(slip), slip);
        }
    }

    @Test
    void only_english_has_a_dictionary_in_any_of_its_variants() {
        assertTrue(Dictionary.forLanguage("en-GB").isPresent());
        assertTrue(Dictionary.forLanguage("de").isEmpty());
        assertTrue(Dictionary.forLanguage("zh").isEmpty());
    }
}
