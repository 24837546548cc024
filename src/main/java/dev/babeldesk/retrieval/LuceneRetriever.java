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

    /** Lexical retrieval only. */
    public LuceneRetriever(KnowledgeBase knowledgeBase) {
        this(knowledgeBase, Map.of(), DEFAULT_LEXICAL_WEIGHT);
    }

    /** @param embedders the embedding model of each language that has one */
    public LuceneRetriever(KnowledgeBase knowledgeBase, Map<String, Embedder> embedders, double lexicalWeight) {
        // Languages are independent and their analyzers slow to load the first time: build them side by side.
        knowledgeBase.languages().parallelStream().forEach(language -> {
            List<IndexedEntry> entries = knowledgeBase.entries(language).stream().map(IndexedEntry::of).toList();
            languages.put(language, new LanguageRetriever(language, entries, embedders.get(language), lexicalWeight));
        });
    }

    @Override
    public List<Candidate> search(String text, String language, int limit) {
        LanguageRetriever retriever = languages.get(language);
        return retriever == null ? List.of() : retriever.search(text, limit);
    }

    public LanguageRetriever language(String language) {
        return languages.get(language);
    }
}
