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
import dev.babeldesk.retrieval.OnnxNativeLibraries;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
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
        return embedders(knowledgeBase, config, new HashMap<>());
    }

    /** @param byModel embedders already made, by model id; new ones are added to it */
    static Map<String, Embedder> embedders(KnowledgeBase knowledgeBase, Config config, Map<String, Embedder> byModel) {
        Map<String, EmbeddingModelSpec> specByLanguage = new HashMap<>();
        for (String language : knowledgeBase.languages()) {
            EmbeddingModelSpec.parse(config.embeddingModelFor(language)).ifPresent(spec -> specByLanguage.put(language, spec));
        }
        // Without a cache folder (tests, `cache-dir` unset) ONNX Runtime unpacks its libraries as it always does,
        // into a new private temporary folder: a fixed folder under /tmp would let another user plant a library.
        if (!specByLanguage.isEmpty() && config.cacheDir() != null) OnnxNativeLibraries.install(config.cacheDir().resolve("native"));
        // Loading a model takes 0.5-1 s: load the ones not loaded yet side by side.
        specByLanguage.values().stream().filter(spec -> !byModel.containsKey(spec.id()))
                .collect(java.util.stream.Collectors.toMap(EmbeddingModelSpec::id, spec -> spec, (a, b) -> a))
                .values().parallelStream()
                .map(spec -> new Embedder(spec.id(), EmbeddingModels.load(spec), new EmbeddingCache(config.cacheDir(), spec.id())))
                .toList()
                .forEach(embedder -> byModel.put(embedder.modelId(), embedder));
        Map<String, Embedder> byLanguage = new HashMap<>();
        specByLanguage.forEach((language, spec) -> byLanguage.put(language, byModel.get(spec.id())));
        return byLanguage;
    }

    public static AnswerEngine answerEngine(KnowledgeBase knowledgeBase, Config config) {
        return new AnswerEngineBuilder(config).build(knowledgeBase);
    }

    /**
     * Builds answer engines for successive versions of a knowledge base (live reloading), reusing
     * what did not change: a language whose entries are the same keeps its indexes, the language
     * detector is kept while the set of languages is, and vectors and calibration come from their
     * caches, so an edit to one file re-embeds that file's texts only.
     */
    public static final class AnswerEngineBuilder {
        private final Config config;
        private final Map<String, Embedder> embeddersByModel = new HashMap<>();
        private final PhraseLexicon humanRequests = PhraseLexicon.fromResource("/lexicon/human-request.yaml");
        private KnowledgeBase previousBase;
        private LuceneRetriever previousRetriever;
        private ScriptAndLinguaDetector previousDetector;

        public AnswerEngineBuilder(Config config) {
            this.config = config;
        }

        /** An engine for this knowledge base as it is (learned phrasings included, if its entries carry any). */
        public AnswerEngine build(KnowledgeBase knowledgeBase) {
            return build(knowledgeBase, UnaryOperator.identity());
        }

        /**
         * @param files   the knowledge base as the editors wrote it
         * @param learned the learned phrasings to add to it, asked for once the embedding models are
         *                loaded (at start-up they come from a database that opens meanwhile)
         */
        public AnswerEngine build(KnowledgeBase files, Supplier<Map<String, Map<String, List<String>>>> learned) {
            return build(files, kb -> kb.withLearned(learned.get()));
        }

        private synchronized AnswerEngine build(KnowledgeBase files, UnaryOperator<KnowledgeBase> learning) {
            KnowledgeBase knowledgeBase = files;
            String defaultLanguage = knowledgeBase.languages().contains(config.defaultLanguage())
                    ? config.defaultLanguage()
                    : knowledgeBase.languages().iterator().next();
            if (!defaultLanguage.equals(config.defaultLanguage())) {
                LOG.warn("knowledge.default-language '{}' has no folder in the knowledge base; using '{}'",
                        config.defaultLanguage(), defaultLanguage);
            }
            CompletableFuture<ScriptAndLinguaDetector> detecting = detector(knowledgeBase, defaultLanguage);
            long started = System.nanoTime();
            Map<String, Embedder> embedders = embedders(knowledgeBase, config, embeddersByModel);
            knowledgeBase = learning.apply(files);
            LuceneRetriever retriever = new LuceneRetriever(knowledgeBase, embedders, config.lexicalWeight(),
                    previousRetriever, previousBase);
            LOG.info("indexes of {} built in {} ms ({} kept)", retriever.rebuiltLanguages(),
                    (System.nanoTime() - started) / 1_000_000, retriever.keptLanguages());
            started = System.nanoTime();
            ConfidenceModel confidence = ConfidenceCalibrator.calibrate(knowledgeBase, embedders, config.lexicalWeight(),
                    config.cacheDir());
            LOG.info("confidence calibrated on the knowledge base in {} ms: {}", (System.nanoTime() - started) / 1_000_000,
                    confidence.describe());
            if (!confidence.blindToScope().isEmpty()) {
                LOG.warn("in {}, {}", confidence.blindToScope(), ConfidenceModel.BLIND_SCOPE_ADVICE);
            }
            ScriptAndLinguaDetector detector = detecting.join();
            if (!detector.unrecognisable().isEmpty()) {
                LOG.warn("language detection does not know {}: messages in it are matched through the page's locale only",
                        detector.unrecognisable());
            }
            previousBase = knowledgeBase;
            previousRetriever = retriever;
            previousDetector = detector;
            return new AnswerEngine(knowledgeBase, detector, retriever, confidence, humanRequests,
                    new AnswerPolicy(config.answerThreshold(), config.answerScopeThreshold(), config.handoffThreshold()), defaultLanguage);
        }

        /** The previous detector when the languages did not change; else a new one, loaded on the other core meanwhile. */
        private CompletableFuture<ScriptAndLinguaDetector> detector(KnowledgeBase knowledgeBase, String defaultLanguage) {
            if (previousDetector != null && previousBase.languages().equals(knowledgeBase.languages())
                    && previousDetector.defaultLanguage().equals(defaultLanguage)) {
                return CompletableFuture.completedFuture(previousDetector);
            }
            CompletableFuture<ScriptAndLinguaDetector> detecting = new CompletableFuture<>();
            Thread.ofPlatform().name("load-language-detector").start(() -> {
                try {
                    detecting.complete(new ScriptAndLinguaDetector(knowledgeBase.languages(), defaultLanguage));
                } catch (RuntimeException | Error e) {
                    detecting.completeExceptionally(e);
                }
            });
            return detecting;
        }
    }
}
