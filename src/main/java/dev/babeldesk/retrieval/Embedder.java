package dev.babeldesk.retrieval;

import dev.langchain4j.model.embedding.EmbeddingModel;

import java.util.concurrent.atomic.AtomicLong;

/**
 * One embedding model with its cache: knowledge-base texts are looked up in the cache first;
 * shopper questions are always computed (caching them would only grow the file).
 */
public final class Embedder {
    private final String modelId;
    private final EmbeddingModel model;
    private final EmbeddingCache cache;
    private final AtomicLong computed = new AtomicLong();

    public Embedder(String modelId, EmbeddingModel model, EmbeddingCache cache) {
        this.modelId = modelId;
        this.model = model;
        this.cache = cache;
    }

    public String modelId() {
        return modelId;
    }

    public int dimension() {
        return model.dimension();
    }

    /** A knowledge-base text: from the cache when it was embedded before. */
    public float[] document(String text) {
        float[] cached = cache.get(text);
        if (cached != null) return cached;
        float[] vector = compute(text);
        cache.put(text, vector);
        return vector;
    }

    /** A shopper's question: always computed. */
    public float[] query(String text) {
        return compute(text);
    }

    /** How many texts this embedder has run through the model (the cache test counts on it). */
    public long computedCount() {
        return computed.get();
    }

    private float[] compute(String text) {
        computed.incrementAndGet();
        String input = text.isBlank() ? "." : text;
        return model.embed(input).content().vector();
    }
}
