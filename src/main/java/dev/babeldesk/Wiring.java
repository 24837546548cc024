package dev.babeldesk;

import dev.babeldesk.answering.AnswerEngine;
import dev.babeldesk.answering.AnswerPolicy;
import dev.babeldesk.answering.ConfidenceCalibrator;
import dev.babeldesk.answering.ConfidenceModel;
import dev.babeldesk.answering.PhraseLexicon;
import dev.babeldesk.config.Config;
import dev.babeldesk.knowledge.InvalidKnowledgeBaseException;
import dev.babeldesk.knowledge.KnowledgeBase;
import dev.babeldesk.knowledge.KnowledgeBaseLoader;
import dev.babeldesk.language.ScriptAndLinguaDetector;
import dev.babeldesk.retrieval.LuceneRetriever;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.babeldesk.retrieval.Embedder;
import dev.babeldesk.retrieval.EmbeddingCache;
import dev.babeldesk.retrieval.EmbeddingModelSpec;
import dev.babeldesk.retrieval.EmbeddingModels;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** The one place where the parts are put together; the server and the commands all use it. */
public final class Wiring {
    private static final Logger LOG = LoggerFactory.getLogger(Wiring.class);

    private Wiring() {}

    /** Loads and validates the knowledge base; refuses an invalid one, listing every error. */
    public static KnowledgeBase knowledgeBase(Path folder, String defaultLanguage) {
        KnowledgeBaseLoader.Result result = new KnowledgeBaseLoader(defaultLanguage).load(folder);
        result.warnings().forEach(w -> LOG.warn("{}", w));
        if (!result.valid()) throw new InvalidKnowledgeBaseException(result.errors());
        return result.knowledgeBase();
    }

    /** The embedding model of every language that has one; each model is loaded once and shares one cache. */
    static Map<String, Embedder> embedders(KnowledgeBase knowledgeBase, Config config) {
        Map<String, Embedder> byModel = new HashMap<>();
        Map<String, Embedder> byLanguage = new HashMap<>();
        for (String language : knowledgeBase.languages()) {
            Optional<EmbeddingModelSpec> spec = EmbeddingModelSpec.parse(config.embeddingModelFor(language));
            if (spec.isEmpty()) continue;
            Embedder embedder = byModel.computeIfAbsent(spec.get().id(), id -> new Embedder(id,
                    EmbeddingModels.load(spec.get()), new EmbeddingCache(config.cacheDir(), id)));
            byLanguage.put(language, embedder);
        }
        return byLanguage;
    }

    public static AnswerEngine answerEngine(KnowledgeBase knowledgeBase, Config config) {
        String defaultLanguage = knowledgeBase.languages().contains(config.defaultLanguage())
                ? config.defaultLanguage()
                : knowledgeBase.languages().iterator().next();
        if (!defaultLanguage.equals(config.defaultLanguage())) {
            LOG.warn("knowledge.default-language '{}' has no folder in the knowledge base; using '{}'",
                    config.defaultLanguage(), defaultLanguage);
        }
        // Loading the language models takes seconds: do it on the other core meanwhile.
        String language = defaultLanguage;
        CompletableFuture<ScriptAndLinguaDetector> detecting = new CompletableFuture<>();
        Thread.ofPlatform().name("load-language-detector").start(() -> {
            try {
                detecting.complete(new ScriptAndLinguaDetector(knowledgeBase.languages(), language));
            } catch (RuntimeException | Error e) {
                detecting.completeExceptionally(e);
            }
        });
        long started = System.nanoTime();
        Map<String, Embedder> embedders = embedders(knowledgeBase, config);
        LOG.info("embedding models {} loaded in {} ms", embedders.values().stream().map(Embedder::modelId).distinct().toList(),
                (System.nanoTime() - started) / 1_000_000);
        started = System.nanoTime();
        LuceneRetriever retriever = new LuceneRetriever(knowledgeBase, embedders, config.lexicalWeight());
        LOG.info("indexes built in {} ms", (System.nanoTime() - started) / 1_000_000);
        started = System.nanoTime();
        ConfidenceModel confidence = ConfidenceCalibrator.calibrate(knowledgeBase, embedders, config.lexicalWeight(),
                config.cacheDir());
        LOG.info("confidence calibrated on the knowledge base in {} ms: {}", (System.nanoTime() - started) / 1_000_000,
                confidence.describe());
        started = System.nanoTime();
        ScriptAndLinguaDetector detector = detecting.join();
        LOG.info("waited {} ms for the language detector", (System.nanoTime() - started) / 1_000_000);
        if (!detector.unrecognisable().isEmpty()) {
            LOG.warn("language detection does not know {}: messages in it are matched through the page's locale only",
                    detector.unrecognisable());
        }
        return new AnswerEngine(knowledgeBase, detector, retriever, confidence, PhraseLexicon.fromResource("/lexicon/human-request.yaml"),
                new AnswerPolicy(config.answerThreshold(), config.handoffThreshold()), defaultLanguage);
    }
}
