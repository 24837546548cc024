package dev.babeldesk.knowledge;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class LearnedPhrasingsTest {
    private static Entry entry(String id, String language, String title, String... questions) {
        return new Entry(id, language, title, List.of(questions), List.of(), false, "body", "<p>body</p>",
                Path.of(language, id + ".md"));
    }

    private final KnowledgeBase base = new KnowledgeBase(List.of(
            entry("returns", "en", "How do I return an item?", "can I send it back"),
            entry("returns", "de", "Wie sende ich etwas zurück?"),
            entry("tracking", "en", "Where is my parcel?")));

    @Test
    void learned_phrasings_join_their_entry_in_their_language_only() {
        KnowledgeBase learned = base.withLearned(Map.of("en", Map.of("returns", List.of("the shoes do not fit, what now"))));
        assertEquals(List.of("the shoes do not fit, what now"), learned.entry("en", "returns").orElseThrow().learned());
        assertEquals(List.of(), learned.entry("de", "returns").orElseThrow().learned());
        assertEquals(List.of(), learned.entry("en", "tracking").orElseThrow().learned());
        assertEquals(base.entry("en", "returns").orElseThrow().questions(), learned.entry("en", "returns").orElseThrow().questions(),
                "the editor's questions stay as they are");
    }

    @Test
    void a_phrasing_the_editor_already_wrote_or_one_learned_twice_is_kept_once() {
        KnowledgeBase learned = base.withLearned(Map.of("en", Map.of("returns",
                List.of("can I send it back", "How do I return an item?", "wrong size", "wrong size"))));
        assertEquals(List.of("wrong size"), learned.entry("en", "returns").orElseThrow().learned());
    }

    @Test
    void phrasings_of_an_entry_that_is_gone_are_left_out() {
        KnowledgeBase learned = base.withLearned(Map.of("en", Map.of("gift-cards", List.of("do you sell gift cards")),
                "fr", Map.of("returns", List.of("comment retourner"))));
        assertEquals(3, learned.size());
        assertEquals(0, learned.all().stream().mapToInt(e -> e.learned().size()).sum());
    }

    @Test
    void learning_nothing_leaves_the_base_as_it_is_and_learning_again_replaces_the_phrasings() {
        assertSame(base, base.withLearned(Map.of()));
        KnowledgeBase once = base.withLearned(Map.of("en", Map.of("returns", List.of("wrong size"))));
        KnowledgeBase again = once.withLearned(Map.of("en", Map.of("returns", List.of("too small"))));
        assertEquals(List.of("too small"), again.entry("en", "returns").orElseThrow().learned());
        assertEquals(List.of(), once.withLearned(Map.of()).entry("en", "returns").orElseThrow().learned(),
                "a phrasing removed is no longer learned");
    }
}
