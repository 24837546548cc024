package dev.babeldesk.retrieval;

import dev.babeldesk.language.Dictionary;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SpellingCorrectorTest {
    private static final Dictionary ENGLISH = Dictionary.forLanguage("en").orElseThrow();
    private final SpellingCorrector corrector = new SpellingCorrector(Set.of("cancel", "order", "refund", "delivery",
            "address", "invoice", "shipping", "card", "cart", "bill", "what", "like"), ENGLISH);

    @Test
    void a_slip_becomes_the_bases_nearest_word_and_the_rest_of_the_text_is_kept() {
        assertEquals("Pls cancel my order #0012, thx!", corrector.correct("Pls cancell my ordr #0012, thx!"));
        assertEquals("where is my refund", corrector.correct("where is my refnd"));
    }

    @Test
    void letters_swapped_are_one_edit_and_long_words_may_have_two() {
        assertEquals("delivery", corrector.correct("delievry"), "a swap");
        assertEquals("my invoice", corrector.correct("my invocie"));
        assertEquals("shipping", corrector.correct("shipinng"), "two edits in a word of eight letters");
        assertEquals("adrss", corrector.correct("adrss"), "two edits in a word of five: out of reach");
    }

    @Test
    void valid_words_the_base_lacks_short_words_and_ambiguous_slips_are_left_alone() {
        // valid English: would have become "bill", "what", "like" without the dictionary
        assertEquals("will you chat live", corrector.correct("will you chat live"));
        assertEquals("acc", corrector.correct("acc"), "too short to tell");
        assertEquals("carx", corrector.correct("carx"), "as near to card as to cart");
    }

    @Test
    void the_distance_counts_edits_and_stops_beyond_reach() {
        assertEquals(1, SpellingCorrector.distance("ordr", "order", 1));
        assertEquals(1, SpellingCorrector.distance("recieve", "receive", 1));
        assertEquals(2, SpellingCorrector.distance("refnd", "refunds", 2));
        assertEquals(2, SpellingCorrector.distance("xyz", "order", 1), "beyond reach: reach + 1");
    }
}
