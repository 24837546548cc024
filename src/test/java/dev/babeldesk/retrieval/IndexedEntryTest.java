package dev.babeldesk.retrieval;

import dev.babeldesk.knowledge.Entry;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class IndexedEntryTest {

    private static Entry entry(String title, String... questions) {
        return new Entry("returns", "en", title, List.of(questions), List.of(), false, "body", "<p>body</p>", null);
    }

    @Test
    void aQuestionThatRepeatsTheTitleIsOnePhrasing() {
        Entry e = entry("How do I return an item?", "how do I return an item", "Can I send it back?", "can i send it back ?");

        assertEquals(List.of("How do I return an item?", "Can I send it back?"), IndexedEntry.allPhrasings(e));
    }

    @Test
    void questionsThatDifferInWordsAreAllKept() {
        Entry e = entry("How do I return an item?", "How do I return two items?", "返品できますか？", "返品できますか");

        assertEquals(List.of("How do I return an item?", "How do I return two items?", "返品できますか？"),
                IndexedEntry.allPhrasings(e));
    }
}
