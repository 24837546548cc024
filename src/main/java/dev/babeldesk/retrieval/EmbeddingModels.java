package dev.babeldesk.retrieval;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallzhv15q.BgeSmallZhV15QuantizedEmbeddingModel;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Loads each embedding model once per process (they are large and slow to load). */
public final class EmbeddingModels {
    private static final Map<String, EmbeddingModel> LOADED = new ConcurrentHashMap<>();

    private EmbeddingModels() {}

    public static EmbeddingModel load(EmbeddingModelSpec spec) {
        return LOADED.computeIfAbsent(spec.id(), id -> {
            if (spec.builtin() != null) {
                return switch (spec.builtin()) {
                    case ALL_MINILM_L6_V2_Q -> new AllMiniLmL6V2QuantizedEmbeddingModel();
                    case BGE_SMALL_EN_V15_Q -> new BgeSmallEnV15QuantizedEmbeddingModel();
                    case BGE_SMALL_ZH_V15_Q -> new BgeSmallZhV15QuantizedEmbeddingModel();
                };
            }
            return new OnnxEmbeddingModel(spec.onnxFile(), spec.tokenizerFile(),
                    spec.clsPooling() ? PoolingMode.CLS : PoolingMode.MEAN);
        });
    }
}
