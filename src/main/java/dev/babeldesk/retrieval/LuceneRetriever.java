package dev.babeldesk.retrieval;

import dev.babeldesk.knowledge.KnowledgeBase;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The default retriever: per language, a Lucene BM25 index analysed for that language and,
 * where the language has an embedding model, a Lucene vector index; scores are combined per entry.
 */
public final class LuceneRetriever implements Retriever {
    /** Weight of the lexical score beside the classifier's; a global default chosen on the development set. */
    public static final double DEFAULT_LEXICAL_WEIGHT = 2.5;

    private final Map<String, LanguageRetriever> languages = new ConcurrentHashMap<>();
    private final java.util.Set<String> keptLanguages = ConcurrentHashMap.newKeySet();

    /** Lexical retrieval only. */
    public LuceneRetriever(KnowledgeBase knowledgeBase) {
        this(knowledgeBase, Map.of(), DEFAULT_LEXICAL_WEIGHT);
    }

    /** @param embedders the embedding model of each language that has one */
    public LuceneRetriever(KnowledgeBase knowledgeBase, Map<String, Embedder> embedders, double lexicalWeight) {
        this(knowledgeBase, embedders, lexicalWeight, null, null);
    }

    /**
     * Keeps the indexes of {@code previous} for every language whose entries and model did not
     * change since {@code previousBase}; builds the others.
     */
    public LuceneRetriever(KnowledgeBase knowledgeBase, Map<String, Embedder> embedders, double lexicalWeight,
                           LuceneRetriever previous, KnowledgeBase previousBase) {
        // Languages are independent and their analyzers slow to load the first time: build them side by side.
        knowledgeBase.languages().parallelStream().forEach(language -> {
            LanguageRetriever kept = previous == null ? null : previous.languages.get(language);
            if (kept != null && kept.embedder() == embedders.get(language)
                    && List.copyOf(previousBase.entries(language)).equals(List.copyOf(knowledgeBase.entries(language)))) {
                languages.put(language, kept);
                keptLanguages.add(language);
                return;
            }
            List<IndexedEntry> entries = knowledgeBase.entries(language).stream().map(IndexedEntry::of).toList();
            languages.put(language, new LanguageRetriever(language, entries, embedders.get(language), lexicalWeight));
        });
    }

    /** Languages whose indexes were taken over from the previous version. */
    public java.util.Set<String> keptLanguages() {
        return new java.util.TreeSet<>(keptLanguages);
    }

    public java.util.Set<String> rebuiltLanguages() {
        java.util.Set<String> rebuilt = new java.util.TreeSet<>(languages.keySet());
        rebuilt.removeAll(keptLanguages);
        return rebuilt;
    }

    @Override
    public List<Candidate> search(String text, String language, int limit) {
        LanguageRetriever retriever = languages.get(language);
        return retriever == null ? List.of() : retriever.search(text, limit);
    }

    @Override
    public java.util.Optional<float[]> meaning(String text, String language) {
        LanguageRetriever retriever = languages.get(language);
        Embedder embedder = retriever == null ? null : retriever.embedder();
        return embedder == null ? java.util.Optional.empty() : java.util.Optional.of(embedder.query(text));
    }

    @Override
    public String readAs(String text, String language) {
        LanguageRetriever retriever = languages.get(language);
        return retriever == null ? text : retriever.readAs(text);
    }

    public LanguageRetriever language(String language) {
        return languages.get(language);
    }
}
