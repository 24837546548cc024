package dev.babeldesk.retrieval;

import dev.babeldesk.knowledge.Entry;
import dev.babeldesk.knowledge.KnowledgeBase;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** An edit to one file rebuilds its language only and embeds only the texts that changed. */
class IncrementalRebuildTest {
    private static final EmbeddingModelSpec MINILM = EmbeddingModelSpec.parse("all-minilm-l6-v2-q").orElseThrow();

    private static Entry entry(String lang, String id, String title, String body) {
        return new Entry(id, lang, title, List.of(title + " please"), List.of(), false, body, "<p>" + body + "</p>", null);
    }

    @Test
    void an_edited_german_entry_leaves_the_english_indexes_and_vectors_alone() {
        Embedder embedder = new Embedder(MINILM.id(), EmbeddingModels.load(MINILM), EmbeddingCache.inMemory(MINILM.id()));
        List<Entry> entries = new ArrayList<>(List.of(
                entry("en", "returns", "How long can I return items?", "30 days."),
                entry("en", "payment", "How can I pay?", "Cards and PayPal."),
                entry("de", "returns", "Wie lange kann ich zurückgeben?", "30 Tage."),
                entry("de", "payment", "Wie kann ich bezahlen?", "Karte und PayPal.")));
        KnowledgeBase first = new KnowledgeBase(entries);
        Map<String, Embedder> embedders = Map.of("en", embedder, "de", embedder);
        LuceneRetriever before = new LuceneRetriever(first, embedders, 2.5);
        long embeddedAtStart = embedder.computedCount();
        assertEquals(12, embeddedAtStart, "title, question and body of four entries");

        entries.set(3, entry("de", "payment", "Wie kann ich bezahlen?", "Karte, PayPal und Klarna."));
        KnowledgeBase second = new KnowledgeBase(entries);
        LuceneRetriever after = new LuceneRetriever(second, embedders, 2.5, before, first);

        assertEquals(Set.of("en"), after.keptLanguages());
        assertEquals(Set.of("de"), after.rebuiltLanguages());
        assertEquals(1, embedder.computedCount() - embeddedAtStart, "only the changed answer body was embedded");
        assertEquals("payment", after.search("Kann ich mit Klarna zahlen?", "de", 3).get(0).entry().id());
    }
}
