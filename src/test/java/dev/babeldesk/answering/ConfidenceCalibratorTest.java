package dev.babeldesk.answering;

import dev.babeldesk.Wiring;
import dev.babeldesk.knowledge.Entry;
import dev.babeldesk.knowledge.KnowledgeBase;
import dev.babeldesk.retrieval.Candidate;
import dev.babeldesk.retrieval.Embedder;
import dev.babeldesk.retrieval.EmbeddingCache;
import dev.babeldesk.retrieval.EmbeddingModelSpec;
import dev.babeldesk.retrieval.EmbeddingModels;
import dev.babeldesk.retrieval.LuceneRetriever;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Calibration learns from the knowledge base alone, on a small fixture base whose questions are known. */
class ConfidenceCalibratorTest {
    private static KnowledgeBase kb;
    private static Map<String, Embedder> embedders;
    private static LuceneRetriever retriever;

    @BeforeAll
    static void load() {
        kb = Wiring.knowledgeBase(Path.of("src/test/resources/calibration-fixture"), "en");
        EmbeddingModelSpec spec = EmbeddingModelSpec.parse("all-minilm-l6-v2-q").orElseThrow();
        embedders = Map.of("en", new Embedder(spec.id(), EmbeddingModels.load(spec), EmbeddingCache.inMemory(spec.id())));
        retriever = new LuceneRetriever(kb, embedders, LuceneRetriever.DEFAULT_LEXICAL_WEIGHT);
    }

    @Test
    void every_phrasing_gives_an_answerable_example_and_a_near_miss_and_a_choice_example() {
        List<Entry> entries = List.copyOf(kb.entries("en"));
        ConfidenceCalibrator.Samples samples = ConfidenceCalibrator.samples("en", entries, embedders.get("en"),
                LuceneRetriever.DEFAULT_LEXICAL_WEIGHT);
        int phrasings = entries.stream().mapToInt(e -> 1 + e.questions().size()).sum();
        assertEquals(phrasings, samples.choice().size());
        assertEquals(2 * phrasings, samples.scope().size());
        long answerable = samples.scope().stream().filter(LogisticModel.Sample::right).count();
        assertEquals(phrasings, answerable, "half the scope examples are answerable, half near misses");
        long rightChoices = samples.choice().stream().filter(LogisticModel.Sample::right).count();
        assertTrue(rightChoices > phrasings * 0.7, "held-out phrasings mostly find their entry: " + rightChoices + "/" + phrasings);
    }

    @Test
    void the_fitted_probabilities_match_the_observed_rates_on_the_examples() {
        ConfidenceCalibrator.Samples samples = ConfidenceCalibrator.samples("en", List.copyOf(kb.entries("en")),
                embedders.get("en"), LuceneRetriever.DEFAULT_LEXICAL_WEIGHT);
        ConfidenceModel.Calibrated model = samples.fit();
        double predicted = samples.scope().stream().mapToDouble(s -> model.inScope().probability(s.features())).average().orElseThrow();
        double observed = samples.scope().stream().filter(LogisticModel.Sample::right).count() / (double) samples.scope().size();
        assertEquals(observed, predicted, 0.05);
    }

    @Test
    void an_answerable_question_is_assessed_higher_than_an_off_topic_one() {
        ConfidenceModel model = ConfidenceCalibrator.calibrate(kb, embedders, LuceneRetriever.DEFAULT_LEXICAL_WEIGHT, null);
        List<Candidate> onTopic = retriever.search("how many days do I have to send back my shoes", "en", 10);
        List<Candidate> offTopic = retriever.search("what will the weather be like in Lisbon tomorrow", "en", 10);
        assertEquals("returns", onTopic.get(0).entry().id());
        ConfidenceModel.Assessment on = model.assess("en", onTopic, 0);
        ConfidenceModel.Assessment off = model.assess("en", offTopic, 0);
        assertTrue(on.answerable() > off.answerable() + 0.2, on + " vs " + off);
        assertTrue(on.confidence() > off.confidence());
        for (double p : new double[] {on.answerable(), on.choice(), off.answerable(), off.choice()}) {
            assertTrue(p >= 0 && p <= 1);
        }
    }

    @Test
    void the_runner_up_is_never_more_probably_right_than_the_best_candidate() {
        ConfidenceModel model = ConfidenceCalibrator.calibrate(kb, embedders, LuceneRetriever.DEFAULT_LEXICAL_WEIGHT, null);
        List<Candidate> candidates = retriever.search("can I pay for my order with paypal", "en", 10);
        assertTrue(model.assess("en", candidates, 0).choice() > model.assess("en", candidates, 1).choice());
    }

    @Test
    void a_restart_reuses_the_stored_examples_and_a_changed_base_does_not(@TempDir Path cache) throws Exception {
        ConfidenceModel first = ConfidenceCalibrator.calibrate(kb, embedders, LuceneRetriever.DEFAULT_LEXICAL_WEIGHT, cache);
        try (var files = Files.list(cache)) {
            assertEquals(1, files.filter(f -> f.getFileName().toString().startsWith("calibration-en-")).count());
        }
        ConfidenceModel second = ConfidenceCalibrator.calibrate(kb, embedders, LuceneRetriever.DEFAULT_LEXICAL_WEIGHT, cache);
        assertEquals(first.describe(), second.describe());

        List<Entry> changed = new java.util.ArrayList<>(kb.all());
        changed.removeIf(e -> e.id().equals("password"));
        ConfidenceCalibrator.calibrate(new KnowledgeBase(changed), embedders, LuceneRetriever.DEFAULT_LEXICAL_WEIGHT, cache);
        try (var files = Files.list(cache)) {
            assertEquals(2, files.filter(f -> f.getFileName().toString().startsWith("calibration-en-")).count());
        }
    }

    @Test
    void stored_examples_with_other_features_are_recomputed_not_fitted(@TempDir Path cache) throws Exception {
        ConfidenceModel fresh = ConfidenceCalibrator.calibrate(kb, embedders, LuceneRetriever.DEFAULT_LEXICAL_WEIGHT, cache);
        Path file;
        try (var files = Files.list(cache)) {
            file = files.filter(f -> f.getFileName().toString().startsWith("calibration-en-")).findFirst().orElseThrow();
        }
        // As an earlier version with one more feature per example would have left it under the same name.
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        var stored = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(file.toFile());
        for (var row : stored.get("scope")) ((com.fasterxml.jackson.databind.node.ArrayNode) row).add(7.0);
        json.writeValue(file.toFile(), stored);

        ConfidenceModel again = ConfidenceCalibrator.calibrate(kb, embedders, LuceneRetriever.DEFAULT_LEXICAL_WEIGHT, cache);
        assertEquals(fresh.describe(), again.describe());
        assertEquals(ConfidenceModel.SCOPE_FEATURES, json.readTree(file.toFile()).get("scope").get(0).size(),
                "the recomputed examples replace the stale ones");
    }

    @Test
    void the_choice_features_are_the_leads_by_classifier_and_by_words_over_the_best_other_entry() {
        List<Candidate> candidates = retriever.search("how many days do I have to send back my shoes", "en", 10);
        assertTrue(candidates.size() >= 3);
        double[] best = ConfidenceModel.choiceFeatures(candidates, 0);
        double otherClassifier = candidates.stream().skip(1).mapToDouble(Candidate::classifier).max().orElseThrow();
        double otherLexical = candidates.stream().skip(1).mapToDouble(Candidate::lexical).max().orElseThrow();
        assertEquals(candidates.get(0).classifier() - otherClassifier, best[0], 1e-12);
        assertEquals(candidates.get(0).lexical() - otherLexical, best[1], 1e-12);
        assertEquals(candidates.get(0).dense(), best[2]);
        assertTrue(best[0] > 0, "the fixture's return question is the classifier's clear first");
        // A runner-up is measured against the best other, which is the first.
        double[] second = ConfidenceModel.choiceFeatures(candidates, 1);
        assertTrue(second[0] < 0);
    }

    @Test
    void word_coverage_is_left_out_of_the_scope_features_when_told_to() {
        Candidate c = retriever.search("how many days do I have to send back my shoes", "en", 10).get(0);
        assertTrue(c.coverage() > 0);
        assertEquals(0.0, ConfidenceModel.scopeFeatures(c, true)[1]);
        assertEquals(c.coverage(), ConfidenceModel.scopeFeatures(c, false)[1]);
    }

    @Test
    void learned_phrasings_are_never_held_out_where_editors_wrote_example_questions() {
        List<Entry> entries = List.copyOf(kb.entries("en"));
        List<Entry> learned = entries.stream().map(e -> e.withLearned(List.of("shopper words for " + e.id(),
                "more shopper words about " + e.id()))).toList();
        int editors = entries.stream().mapToInt(e -> 1 + e.questions().size()).sum();
        ConfidenceCalibrator.Samples samples = ConfidenceCalibrator.samples("en", learned, embedders.get("en"),
                LuceneRetriever.DEFAULT_LEXICAL_WEIGHT);
        assertEquals(editors, samples.choice().size(), "only the editors' phrasings are asked");
        assertEquals(2 * editors, samples.scope().size());
    }

    @Test
    void learned_phrasings_are_the_questions_held_out_where_editors_wrote_titles_only() {
        List<Entry> titlesOnly = kb.entries("en").stream().map(e -> new Entry(e.id(), e.language(), e.title(), List.of(),
                e.tags(), e.handoff(), e.markdown(), e.html(), e.source())
                .withLearned(List.of("shopper words for " + e.id()))).toList();
        ConfidenceCalibrator.Samples samples = ConfidenceCalibrator.samples("en", titlesOnly, embedders.get("en"),
                LuceneRetriever.DEFAULT_LEXICAL_WEIGHT);
        assertEquals(2 * titlesOnly.size(), samples.choice().size(), "each title and each learned phrasing is asked");
        assertFalse(ConfidenceCalibrator.hasExampleQuestions(titlesOnly), "learned phrasings do not make it an edited base");
    }

    @Test
    void coverage_is_left_out_only_with_an_embedding_model_and_example_questions() {
        List<Entry> withQuestions = List.copyOf(kb.entries("en"));
        assertTrue(withQuestions.stream().allMatch(e -> !e.questions().isEmpty()), "the fixture has example questions");
        List<Entry> titlesOnly = withQuestions.stream().map(e -> new Entry(e.id(), e.language(), e.title(), List.of(),
                e.tags(), e.handoff(), e.markdown(), e.html(), e.source())).toList();
        assertTrue(ConfidenceCalibrator.withoutCoverage(withQuestions, embedders.get("en")));
        assertFalse(ConfidenceCalibrator.withoutCoverage(titlesOnly, embedders.get("en")), "titles only: nothing to share wording with");
        assertFalse(ConfidenceCalibrator.withoutCoverage(withQuestions, null), "no embedding model: coverage is the evidence");
    }

    @Test
    void a_language_with_too_few_examples_borrows_the_model_fitted_on_all_languages(@TempDir Path base) throws Exception {
        Path source = Path.of("src/test/resources/calibration-fixture/en");
        Files.createDirectories(base.resolve("en"));
        try (var files = Files.list(source)) {
            for (Path f : files.toList()) Files.copy(f, base.resolve("en").resolve(f.getFileName()));
        }
        Files.createDirectories(base.resolve("de"));
        Files.writeString(base.resolve("de/zahlung.md"),
                "---\ntitle: Welche Zahlungsarten gibt es?\nquestions:\n  - Kann ich mit PayPal bezahlen?\n---\nKarte und PayPal.\n");
        Files.writeString(base.resolve("de/versand.md"),
                "---\ntitle: Wie lange dauert der Versand?\nquestions:\n  - Wann kommt mein Paket an?\n---\nZwei bis vier Werktage.\n");
        KnowledgeBase twoLanguages = Wiring.knowledgeBase(base, "en");
        Map<String, Embedder> both = Map.of("en", embedders.get("en"), "de", embedders.get("en"));

        ConfidenceModel model = ConfidenceCalibrator.calibrate(twoLanguages, both, LuceneRetriever.DEFAULT_LEXICAL_WEIGHT, null);

        ConfidenceCalibrator.Samples german = ConfidenceCalibrator.samples("de", List.copyOf(twoLanguages.entries("de")),
                both.get("de"), LuceneRetriever.DEFAULT_LEXICAL_WEIGHT);
        assertTrue(german.choice().size() < ConfidenceCalibrator.MIN_SAMPLES);
        ConfidenceCalibrator.Samples all = ConfidenceCalibrator.samples("en", List.copyOf(twoLanguages.entries("en")),
                both.get("en"), LuceneRetriever.DEFAULT_LEXICAL_WEIGHT);
        all.addAll(german);
        ConfidenceModel.Calibrated pooled = all.fit();
        // The same examples in another order: equal up to rounding.
        org.junit.jupiter.api.Assertions.assertArrayEquals(pooled.inScope().weights(), model.of("de").inScope().weights(), 1e-9);
        org.junit.jupiter.api.Assertions.assertArrayEquals(pooled.rightChoice().weights(), model.of("de").rightChoice().weights(), 1e-9);
    }

    @Test
    void a_small_language_of_titles_only_borrows_the_pooled_scope_but_keeps_the_default_choice_mapping(@TempDir Path base)
            throws Exception {
        Path source = Path.of("src/test/resources/calibration-fixture/en");
        Files.createDirectories(base.resolve("en"));
        try (var files = Files.list(source)) {
            for (Path f : files.toList()) Files.copy(f, base.resolve("en").resolve(f.getFileName()));
        }
        Files.createDirectories(base.resolve("de"));
        Files.writeString(base.resolve("de/zahlung.md"), "---\ntitle: Welche Zahlungsarten gibt es?\n---\nKarte und PayPal.\n");
        Files.writeString(base.resolve("de/versand.md"), "---\ntitle: Wie lange dauert der Versand?\n---\nZwei bis vier Werktage.\n");
        KnowledgeBase twoLanguages = Wiring.knowledgeBase(base, "en");
        Map<String, Embedder> both = Map.of("en", embedders.get("en"), "de", embedders.get("en"));

        ConfidenceModel model = ConfidenceCalibrator.calibrate(twoLanguages, both, LuceneRetriever.DEFAULT_LEXICAL_WEIGHT, null);

        LogisticModel fixed = ConfidenceModel.uncalibrated().rightChoice();
        assertEquals(java.util.Arrays.toString(fixed.weights()), java.util.Arrays.toString(model.of("de").rightChoice().weights()),
                "held-out titles teach a choice model nothing it should use (see ConfidenceCalibrator.fit)");
        assertFalse(java.util.Arrays.equals(model.of("en").inScope().weights(), model.of("de").inScope().weights()),
                "scope is the one fitted on both languages, not English's own");
        assertFalse(java.util.Arrays.equals(ConfidenceModel.uncalibrated().inScope().weights(), model.of("de").inScope().weights()));
    }

    @Test
    void the_separation_is_the_chance_that_an_answerable_example_is_rated_above_a_near_miss() {
        LogisticModel byFirstFeature = new LogisticModel(0, new double[] {1, 0, 0});
        List<LogisticModel.Sample> apart = List.of(sample(0.9, true), sample(0.8, true), sample(0.2, false), sample(0.1, false));
        List<LogisticModel.Sample> reversed = List.of(sample(0.1, true), sample(0.9, false));
        List<LogisticModel.Sample> tied = List.of(sample(0.5, true), sample(0.5, false));
        List<LogisticModel.Sample> half = List.of(sample(0.9, true), sample(0.1, true), sample(0.5, false));

        assertEquals(1.0, ConfidenceCalibrator.separation(byFirstFeature, apart), 1e-12);
        assertEquals(0.0, ConfidenceCalibrator.separation(byFirstFeature, reversed), 1e-12);
        assertEquals(0.5, ConfidenceCalibrator.separation(byFirstFeature, tied), 1e-12, "a tie counts half");
        assertEquals(0.5, ConfidenceCalibrator.separation(byFirstFeature, half), 1e-12);
    }

    private static LogisticModel.Sample sample(double feature, boolean answerable) {
        return new LogisticModel.Sample(new double[] {feature, 0, 0}, answerable);
    }

    @Test
    void titles_alone_without_an_embedding_model_leave_the_scope_blind_and_the_bot_never_answers_outright() {
        // A shop's 22 answers with titles and answer texts only.
        KnowledgeBase titlesOnly = Wiring.knowledgeBase(Path.of("src/test/resources/title-only-fixture"), "en");

        ConfidenceModel lexicalOnly = ConfidenceCalibrator.calibrate(titlesOnly, Map.of(), LuceneRetriever.DEFAULT_LEXICAL_WEIGHT, null);
        ConfidenceModel withEmbeddings = ConfidenceCalibrator.calibrate(titlesOnly, embedders, LuceneRetriever.DEFAULT_LEXICAL_WEIGHT, null);
        ConfidenceModel withQuestions = ConfidenceCalibrator.calibrate(kb, embedders, LuceneRetriever.DEFAULT_LEXICAL_WEIGHT, null);

        assertEquals(java.util.Set.of("en"), lexicalOnly.blindToScope(), lexicalOnly.describe());
        assertTrue(withEmbeddings.blindToScope().isEmpty(), withEmbeddings.describe());
        assertTrue(withQuestions.blindToScope().isEmpty(), withQuestions.describe());
        AnswerEngine engine = new AnswerEngine(titlesOnly, new dev.babeldesk.language.ScriptAndLinguaDetector(titlesOnly.languages(), "en"),
                new LuceneRetriever(titlesOnly, Map.of(), LuceneRetriever.DEFAULT_LEXICAL_WEIGHT), lexicalOnly,
                PhraseLexicon.fromResource("/lexicon/human-request.yaml"), new AnswerPolicy(0.0, 0.0, 0.0), "en");
        BotAnswer answer = engine.answer("How do I reset my password?", "en");
        assertEquals(Decision.CLARIFY, answer.decision(), "even at thresholds of 0 and a title asked word for word");
    }

    @Test
    void a_base_of_titles_only_keeps_the_default_choice_mapping_and_fits_its_scope(@TempDir Path base) throws Exception {
        String[] titles = {"How do I return an item?", "When will I get my refund?", "Where is my parcel?",
                "Why was I charged customs duties?", "My item arrived broken", "I received the wrong item",
                "How long does delivery take?", "Which countries do you ship to?", "How much is shipping?",
                "Can I change my delivery address?", "How do I cancel my order?", "Can I change my order?",
                "Which payment methods do you accept?", "My payment was declined", "How do I get an invoice?",
                "How do I create an account?", "How do I reset my password?", "How do I delete my account?",
                "Do you have a size guide?", "How do I use a discount code?", "Is my item under warranty?",
                "Can I exchange an item for another size?"};
        Files.createDirectories(base.resolve("en"));
        for (int i = 0; i < titles.length; i++) {
            Files.writeString(base.resolve("en/entry-" + i + ".md"), "---\ntitle: \"" + titles[i] + "\"\n---\n"
                    + "Our answer to this question, with the details a shopper needs.\n");
        }
        KnowledgeBase titlesOnly = Wiring.knowledgeBase(base, "en");
        assertTrue(ConfidenceCalibrator.samples("en", List.copyOf(titlesOnly.entries("en")), embedders.get("en"),
                LuceneRetriever.DEFAULT_LEXICAL_WEIGHT).choice().size() >= ConfidenceCalibrator.MIN_SAMPLES, "enough titles to fit on");

        ConfidenceModel.Calibrated titled = ConfidenceCalibrator.calibrate(titlesOnly, embedders,
                LuceneRetriever.DEFAULT_LEXICAL_WEIGHT, null).of("en");
        ConfidenceModel.Calibrated questions = ConfidenceCalibrator.calibrate(kb, embedders,
                LuceneRetriever.DEFAULT_LEXICAL_WEIGHT, null).of("en");

        LogisticModel fixed = ConfidenceModel.uncalibrated().rightChoice();
        assertEquals(fixed.bias(), titled.rightChoice().bias());
        assertEquals(java.util.Arrays.toString(fixed.weights()), java.util.Arrays.toString(titled.rightChoice().weights()));
        assertFalse(java.util.Arrays.equals(ConfidenceModel.uncalibrated().inScope().weights(), titled.inScope().weights()),
                "scope is still learnt from the held-out titles");
        assertFalse(java.util.Arrays.equals(fixed.weights(), questions.rightChoice().weights()),
                "with example questions the choice model is fitted");
    }
}
