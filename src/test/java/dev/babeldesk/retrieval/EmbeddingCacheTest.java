package dev.babeldesk.retrieval;

import dev.babeldesk.Wiring;
import dev.babeldesk.knowledge.KnowledgeBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Vectors of unchanged entries survive a restart; an edit re-embeds only what changed. */
class EmbeddingCacheTest {
    private static final EmbeddingModelSpec MINILM = EmbeddingModelSpec.parse("all-minilm-l6-v2-q").orElseThrow();

    private static Embedder embedder(Path cache) {
        return new Embedder(MINILM.id(), EmbeddingModels.load(MINILM), new EmbeddingCache(cache, MINILM.id()));
    }

    private static List<IndexedEntry> entries(KnowledgeBase kb) {
        return kb.entries("en").stream().map(IndexedEntry::of).toList();
    }

    @Test
    void a_restart_with_the_same_cache_folder_embeds_nothing_again(@TempDir Path cache) {
        KnowledgeBase kb = Wiring.knowledgeBase(Path.of("src/test/resources/calibration-fixture"), "en");
        Embedder first = embedder(cache);
        new LanguageRetriever("en", entries(kb), first, 2.5);
        long texts = kb.entries("en").stream().mapToLong(e -> IndexedEntry.allPhrasings(e).size() + 1).sum();
        assertEquals(texts, first.computedCount(), "every phrasing and body embedded once on the first start");

        Embedder second = embedder(cache);
        new LanguageRetriever("en", entries(kb), second, 2.5);
        assertEquals(0, second.computedCount(), "nothing re-embedded after a restart");
    }

    @Test
    void an_edited_text_is_the_only_one_embedded_again(@TempDir Path cache) {
        Embedder first = embedder(cache);
        first.document("How long do I have to return an item?");
        first.document("Where is my parcel?");
        Embedder second = embedder(cache);
        second.document("How long do I have to return an item?");
        second.document("Where is my parcel now?");
        assertEquals(1, second.computedCount());
    }

    @Test
    void cached_vectors_equal_freshly_computed_ones(@TempDir Path cache) {
        float[] computed = embedder(cache).document("Which payment methods do you accept?");
        Embedder restarted = embedder(cache);
        assertArrayEquals(computed, restarted.document("Which payment methods do you accept?"));
        assertEquals(0, restarted.computedCount());
    }

    @Test
    void a_torn_last_record_is_ignored_and_the_rest_is_kept(@TempDir Path cache) throws Exception {
        embedder(cache).document("first text");
        embedder(cache).document("second text");
        Path file = cache.resolve(MINILM.id() + ".vectors");
        Files.write(file, new byte[] {1, 2, 3, 4, 5}, StandardOpenOption.APPEND);
        EmbeddingCache reread = new EmbeddingCache(cache, MINILM.id());
        assertEquals(2, reread.size());
        assertTrue(reread.get("first text") != null && reread.get("second text") != null);
        assertNull(reread.get("third text"));
    }

    @Test
    void questions_from_shoppers_are_never_written_to_the_cache(@TempDir Path cache) {
        Embedder embedder = embedder(cache);
        embedder.query("where is my parcel");
        assertNull(new EmbeddingCache(cache, MINILM.id()).get("where is my parcel"));
    }
}
