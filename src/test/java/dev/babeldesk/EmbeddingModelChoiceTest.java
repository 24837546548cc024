package dev.babeldesk;

import dev.babeldesk.config.Config;
import dev.babeldesk.config.ConfigLoader;
import dev.babeldesk.knowledge.Entry;
import dev.babeldesk.knowledge.KnowledgeBase;
import dev.babeldesk.retrieval.Embedder;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

/** Each language gets the embedding model its measurements chose, and an operator can change it. */
class EmbeddingModelChoiceTest {

    private static KnowledgeBase base(String... languages) {
        return new KnowledgeBase(java.util.Arrays.stream(languages)
                .map(l -> new Entry("a", l, "title", List.of(), List.of(), false, "body", "<p>body</p>", null)).toList());
    }

    @Test
    void by_default_chinese_uses_the_chinese_model_turkish_none_and_the_others_minilm() {
        Config config = Config.defaults();
        assertEquals("bge-small-zh-v15-q", config.embeddingModelFor("zh"));
        assertEquals("none", config.embeddingModelFor("tr"));
        assertEquals("all-minilm-l6-v2-q", config.embeddingModelFor("de"));
        assertEquals("all-minilm-l6-v2-q", config.embeddingModelFor("pt-BR"));

        Map<String, Embedder> embedders = Wiring.embedders(base("en", "de", "zh", "tr"), config);
        assertEquals("all-minilm-l6-v2-q", embedders.get("en").modelId());
        assertSame(embedders.get("en"), embedders.get("de"), "one model instance and cache shared by languages");
        assertEquals("bge-small-zh-v15-q", embedders.get("zh").modelId());
        assertFalse(embedders.containsKey("tr"), "Turkish is matched lexically: the embedding models measured worse");
    }

    @Test
    void an_operator_can_choose_per_language_from_the_environment() {
        Config config = ConfigLoader.load(null, Map.of("BABELDESK_RETRIEVAL_EMBEDDING_MODELS",
                "en=bge-small-en-v15-q,*=none"));
        Map<String, Embedder> embedders = Wiring.embedders(base("en", "fr"), config);
        assertEquals("bge-small-en-v15-q", embedders.get("en").modelId());
        assertFalse(embedders.containsKey("fr"));
    }
}
