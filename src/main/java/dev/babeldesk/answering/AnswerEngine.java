package dev.babeldesk.answering;

import dev.babeldesk.knowledge.Entry;
import dev.babeldesk.knowledge.KnowledgeBase;
import dev.babeldesk.language.LanguageDetector;
import dev.babeldesk.retrieval.Candidate;
import dev.babeldesk.retrieval.Retriever;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one decision path for a shopper's question, shared by the live bot, the evaluation
 * command and the admin tools: detect the language, retrieve, score, decide.
 */
public final class AnswerEngine {
    static final int CANDIDATES = 10;
    static final int MAX_CHOICES = 3;
    /** A choice is only offered when it is at least this close to the best candidate's score. */
    static final double CHOICE_SCORE_RATIO = 0.5;

    private final KnowledgeBase knowledgeBase;
    private final LanguageDetector languageDetector;
    private final Retriever retriever;
    private final ConfidenceModel confidenceModel;
    private final PhraseLexicon humanRequests;
    private final PhraseLexicon frustration = PhraseLexicon.fromResource("/lexicon/frustration.yaml");
    private final AnswerPolicy policy;
    private final String defaultLanguage;
    /** Languages that lack some entry of the default language: their questions also search the default language. */
    private final java.util.Set<String> partlyTranslated;

    public AnswerEngine(KnowledgeBase knowledgeBase, LanguageDetector languageDetector, Retriever retriever,
                        ConfidenceModel confidenceModel, PhraseLexicon humanRequests, AnswerPolicy policy,
                        String defaultLanguage) {
        this.knowledgeBase = knowledgeBase;
        this.languageDetector = languageDetector;
        this.retriever = retriever;
        this.confidenceModel = confidenceModel;
        this.humanRequests = humanRequests;
        this.policy = policy;
        this.defaultLanguage = defaultLanguage;
        this.partlyTranslated = knowledgeBase.languages().stream()
                .filter(l -> !l.equals(defaultLanguage))
                .filter(l -> knowledgeBase.entries(defaultLanguage).stream().anyMatch(e -> knowledgeBase.entry(l, e.id()).isEmpty()))
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /** Entries matching a search text in one language, best first (the agents' canned answers). */
    /** The question as retrieval reads it in a language (its typing slips corrected), for "try a question". */
    public String readAs(String text, String language) {
        return retriever.readAs(text, language);
    }

    public List<Entry> search(String text, String language, int limit) {
        String lang = knowledgeBase.languages().contains(language) ? language : defaultLanguage;
        return retriever.search(text, lang, limit).stream().map(Candidate::entry).toList();
    }

    /** See {@link Retriever#meaning}. */
    public Optional<float[]> meaning(String text, String language) {
        return retriever.meaning(text, language);
    }

    public KnowledgeBase knowledgeBase() {
        return knowledgeBase;
    }

    public AnswerPolicy policy() {
        return policy;
    }

    /** See {@link ConfidenceModel#blindToScope}. */
    public java.util.SortedSet<String> blindToScope() {
        return confidenceModel.blindToScope();
    }

    /**
     * @param text        the shopper's message
     * @param localeHint  the language the page or conversation declared, or null
     */
    public BotAnswer answer(String text, String localeHint) {
        return answer(text, localeHint, policy);
    }

    /** The same decision at other thresholds. */
    public BotAnswer answer(String text, String localeHint, AnswerPolicy policy) {
        return decide(assess(text, localeHint), policy);
    }

    /**
     * Everything about a question that does not depend on the thresholds: its language, the
     * ranked candidates with their probabilities, whether it asks for a person. The threshold
     * simulator assesses each stored question once and decides it at two policies.
     */
    public Assessed assess(String text, String localeHint) {
        LanguageDetector.Detection detection = languageDetector.detect(text, localeHint);
        Retrieval retrieval = retrieve(text, detection.language());
        List<Candidate> candidates = retrieval.candidates();
        List<ScoredEntry> scored = new ArrayList<>();
        for (int i = 0; i < Math.min(candidates.size(), MAX_CHOICES); i++) {
            Candidate c = candidates.get(i);
            ConfidenceModel.Assessment a = confidenceModel.assess(retrieval.language(), candidates, i);
            scored.add(new ScoredEntry(c.entry().id(), c.entry().title(), c.score(), c.lexical(), c.dense(),
                    a.answerable(), a.choice(), a.confidence(), c.entry().handoff()));
        }
        HandoffReason forced = humanRequests.match(text).isPresent() ? HandoffReason.EXPLICIT_REQUEST
                : frustration.match(text).isPresent() ? HandoffReason.FRUSTRATION
                : null;
        boolean nothingToGoOn = candidates.isEmpty() || text.codePoints().noneMatch(Character::isLetterOrDigit);
        return new Assessed(detection, candidates, scored, confidenceModel.assess(retrieval.language(), candidates, 0),
                forced, nothingToGoOn);
    }

    /** A question as {@link #assess} saw it; opaque outside the engine. */
    public static final class Assessed {
        private final LanguageDetector.Detection detection;
        private final List<Candidate> candidates;
        private final List<ScoredEntry> scored;
        private final ConfidenceModel.Assessment best;
        private final HandoffReason forced;
        private final boolean nothingToGoOn;

        private Assessed(LanguageDetector.Detection detection, List<Candidate> candidates, List<ScoredEntry> scored,
                         ConfidenceModel.Assessment best, HandoffReason forced, boolean nothingToGoOn) {
            this.detection = detection;
            this.candidates = candidates;
            this.scored = scored;
            this.best = best;
            this.forced = forced;
            this.nothingToGoOn = nothingToGoOn;
        }
    }

    /** The answer / clarify / hand-off decision on an assessed question at a policy's thresholds. */
    public BotAnswer decide(Assessed question, AnswerPolicy policy) {
        LanguageDetector.Detection detection = question.detection;
        String language = detection.language();
        List<Candidate> candidates = question.candidates;
        List<ScoredEntry> scored = question.scored;
        double confidence = question.best.confidence();
        if (question.forced != null) {
            return handoff(question.forced, confidence, null, scored, detection, policy);
        }
        if (question.nothingToGoOn) {
            // Nothing to go on ("?!", an emoji): no choices to offer, whatever the thresholds.
            return handoff(HandoffReason.LOW_CONFIDENCE, 0, null, List.of(), detection, policy);
        }
        Decision decision = policy.decide(question.best);
        Entry best = candidates.get(0).entry();
        if (best.handoff() && decision != Decision.HANDOFF) {
            Localized handoffEntry = localize(best, language);
            return new BotAnswer(Decision.HANDOFF, HandoffReason.HANDOFF_ENTRY, confidence, handoffEntry.entry(), List.of(),
                    scored, handoffEntry.entry().language(), language, detection.fromText(), handoffEntry.missing(),
                    policy.answerThreshold(), policy.handoffThreshold());
        }
        return switch (decision) {
            case ANSWER -> {
                Localized answer = localize(best, language);
                yield new BotAnswer(Decision.ANSWER, null, confidence, answer.entry(), List.of(), scored,
                        answer.entry().language(), language, detection.fromText(), answer.missing(),
                        policy.answerThreshold(), policy.handoffThreshold());
            }
            case CLARIFY -> {
                List<Entry> choices = choices(candidates, language);
                boolean missing = choices.stream().anyMatch(c -> !c.language().equals(language));
                yield new BotAnswer(Decision.CLARIFY, null, confidence, null, choices, scored,
                        missing ? defaultLanguage : language, language, detection.fromText(), missing,
                        policy.answerThreshold(), policy.handoffThreshold());
            }
            case HANDOFF -> handoff(HandoffReason.LOW_CONFIDENCE, confidence, null, scored, detection, policy);
        };
    }

    private BotAnswer handoff(HandoffReason reason, double confidence, Entry entry, List<ScoredEntry> scored,
                              LanguageDetector.Detection detection, AnswerPolicy policy) {
        return new BotAnswer(Decision.HANDOFF, reason, confidence, entry, List.of(), scored, detection.language(),
                detection.language(), detection.fromText(), false, policy.answerThreshold(), policy.handoffThreshold());
    }

    /** Ranked candidates and the language whose indexes and calibration produced them. */
    private record Retrieval(String language, List<Candidate> candidates) {}

    /**
     * Candidates in the message's language. When that language lacks entries the default language
     * has, the question is also put to the default language's indexes, and when their best
     * candidate is an untranslated entry more probably right than the own language's best, that
     * ranking is used (the answer then comes in the default language). Scores of two languages'
     * indexes are not comparable; their calibrated probabilities are.
     */
    private Retrieval retrieve(String text, String language) {
        List<Candidate> own = retriever.search(text, language, CANDIDATES);
        if (!partlyTranslated.contains(language)) return new Retrieval(language, own);
        List<Candidate> fallback = retriever.search(text, defaultLanguage, CANDIDATES);
        if (fallback.isEmpty() || knowledgeBase.entry(language, fallback.get(0).entry().id()).isPresent()) {
            return new Retrieval(language, own);
        }
        ConfidenceModel.Assessment other = confidenceModel.assess(defaultLanguage, fallback, 0);
        // A blind scope's confidence is a guess: no reason to leave the shopper's language for it, unless that
        // language has nothing at all.
        if (own.isEmpty() || other.scopeKnown() && other.confidence() > confidenceModel.assess(language, own, 0).confidence()) {
            return new Retrieval(defaultLanguage, fallback);
        }
        return new Retrieval(language, own);
    }

    private List<Entry> choices(List<Candidate> candidates, String language) {
        List<Entry> choices = new ArrayList<>();
        double best = candidates.get(0).score();
        for (Candidate c : candidates) {
            if (choices.size() == MAX_CHOICES) break;
            if (choices.size() >= 2 && c.score() < best * CHOICE_SCORE_RATIO) break;
            choices.add(localize(c.entry(), language).entry());
        }
        return choices;
    }

    private record Localized(Entry entry, boolean missing) {}

    /** The entry in the shopper's language, else in the default language, else as found. */
    private Localized localize(Entry entry, String language) {
        Optional<Entry> own = knowledgeBase.entry(language, entry.id());
        if (own.isPresent()) return new Localized(own.get(), false);
        return new Localized(knowledgeBase.entry(defaultLanguage, entry.id()).orElse(entry), true);
    }
}
