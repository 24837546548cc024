package dev.babeldesk.retrieval;

import dev.langchain4j.model.embedding.EmbeddingModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An operator can point a language at any ONNX sentence-embedding model on disk. The test puts
 * the shipped MiniLM model's files on disk, as an operator would put a downloaded model, and
 * loads them through the file-path route.
 */
class EmbeddingModelFromFileTest {

    private static void copyResource(String resource, Path target) throws Exception {
        try (InputStream in = EmbeddingModelFromFileTest.class.getResourceAsStream(resource)) {
            assertTrue(in != null, "resource " + resource + " is on the classpath");
            Files.copy(in, target);
        }
    }

    @Test
    void a_model_file_with_its_tokenizer_beside_it_loads_and_embeds_like_the_same_model_built_in(@TempDir Path dir)
            throws Exception {
        Path onnx = dir.resolve("model.onnx");
        copyResource("/all-minilm-l6-v2-q.onnx", onnx);
        copyResource("/all-minilm-l6-v2-q-tokenizer.json", dir.resolve("tokenizer.json"));

        EmbeddingModelSpec spec = EmbeddingModelSpec.parse(onnx + "#mean").orElseThrow();
        assertTrue(spec.id().startsWith("file-"), spec.id());
        EmbeddingModel fromFile = EmbeddingModels.load(spec);
        EmbeddingModel builtIn = EmbeddingModels.load(EmbeddingModelSpec.parse("all-minilm-l6-v2-q").orElseThrow());

        String text = "Wann bekomme ich mein Geld zurück?";
        assertArrayEquals(builtIn.embed(text).content().vector(), fromFile.embed(text).content().vector(), 1e-5f);
        assertEquals(384, fromFile.dimension());
    }

    @Test
    void the_pooling_mode_is_part_of_the_model_identity(@TempDir Path dir) throws Exception {
        Path onnx = dir.resolve("model.onnx");
        Files.writeString(onnx, "not really a model");
        Files.writeString(dir.resolve("tokenizer.json"), "{}");
        assertNotEquals(EmbeddingModelSpec.parse(onnx + "#cls").orElseThrow().id(),
                EmbeddingModelSpec.parse(onnx + "#mean").orElseThrow().id());
    }

    @Test
    void a_missing_file_or_tokenizer_or_an_unknown_name_is_refused_with_the_reason(@TempDir Path dir) throws Exception {
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> EmbeddingModelSpec.parse(dir.resolve("absent.onnx").toString())).getMessage().contains("does not exist"));
        Path onnx = dir.resolve("model.onnx");
        Files.writeString(onnx, "x");
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> EmbeddingModelSpec.parse(onnx.toString())).getMessage().contains("tokenizer"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> EmbeddingModelSpec.parse("gpt-7")).getMessage().contains("built-in"));
        assertTrue(EmbeddingModelSpec.parse("none").isEmpty());
    }
}
