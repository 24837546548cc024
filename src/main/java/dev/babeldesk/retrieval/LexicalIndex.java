package dev.babeldesk.retrieval;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * BM25 over one language's entries, analysed with that language's analyzer: one document per
 * entry with its phrasings and its answer body as separate fields. A query term counts once, in
 * the field where it matches best (a dismax), so a word repeated across phrasings does not drown
 * the others. (One document per phrasing, best phrasing wins, measured worse on the development
 * set: top-1 0.75 against 0.81.)
 */
final class LexicalIndex {
    private static final String ID = "id";
    private static final String ASKED = "asked";
    private static final String BODY = "body";

    /** Answer bodies are mostly boilerplate: they count a little. */
    static final float BODY_WEIGHT = 0.15f;

    private final Analyzer analyzer;
    private final IndexSearcher searcher;
    private final int documents;
    /** Analysed terms of each entry's phrasings, for coverage. */
    private final Map<String, Set<String>> askedTerms = new HashMap<>();
    /**
     * In how many entries' phrasings each term occurs, for idf: the same statistics Lucene scores
     * the phrasings field with, so a full match scores about 1. A word found only in answer
     * bodies counts as unknown: shoppers' words, not answers' words, are the signal.
     */
    private final Map<String, Integer> documentFrequency = new HashMap<>();

    /** Lexical evidence for one entry. */
    record Hit(double score, double coverage) {}

    /** The analysed query, with its information (idf sum) computed once. */
    record AnalysedQuery(List<String> terms, double information) {
        boolean isEmpty() {
            return terms.isEmpty();
        }
    }

    LexicalIndex(String language, List<IndexedEntry> entries) {
        this.analyzer = LanguageAnalyzers.forLanguage(language);
        this.documents = entries.size();
        ByteBuffersDirectory directory = new ByteBuffersDirectory();
        try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(analyzer).setSimilarity(new BM25Similarity()))) {
            for (IndexedEntry e : entries) {
                Document doc = new Document();
                doc.add(new StoredField(ID, e.entry().id()));
                for (String phrasing : e.phrasings()) doc.add(new TextField(ASKED, phrasing, Field.Store.NO));
                doc.add(new TextField(BODY, e.entry().markdown(), Field.Store.NO));
                writer.addDocument(doc);

                Set<String> asked = new HashSet<>();
                e.phrasings().forEach(q -> asked.addAll(terms(q)));
                askedTerms.put(e.entry().id(), asked);
                asked.forEach(t -> documentFrequency.merge(t, 1, Integer::sum));
            }
            writer.commit();
            searcher = new IndexSearcher(DirectoryReader.open(directory));
            searcher.setSimilarity(new BM25Similarity());
        } catch (IOException e) {
            throw new UncheckedIOException("building the index for " + language, e);
        }
    }

    AnalysedQuery analyse(String text) {
        List<String> terms = new ArrayList<>(new LinkedHashSet<>(terms(text)));
        double information = 0;
        for (String t : terms) information += idf(t);
        return new AnalysedQuery(terms, information);
    }

    /** Lexical score and coverage of every entry that shares a term with the query, by entry id. */
    Map<String, Hit> search(AnalysedQuery query) {
        if (query.isEmpty() || documents == 0) return Map.of();
        BooleanQuery.Builder bool = new BooleanQuery.Builder();
        for (String term : query.terms()) {
            List<Query> perField = List.of(
                    new TermQuery(new Term(ASKED, term)),
                    new BoostQuery(new TermQuery(new Term(BODY, term)), BODY_WEIGHT));
            bool.add(new DisjunctionMaxQuery(perField, 0.0f), BooleanClause.Occur.SHOULD);
        }
        try {
            ScoreDoc[] hits = searcher.search(bool.build(), documents).scoreDocs;
            Map<String, Hit> out = new HashMap<>(hits.length * 2);
            var stored = searcher.storedFields();
            for (ScoreDoc hit : hits) {
                String id = stored.document(hit.doc).get(ID);
                out.put(id, new Hit(hit.score / query.information(), coverage(query, id)));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private double coverage(AnalysedQuery query, String entryId) {
        Set<String> asked = askedTerms.getOrDefault(entryId, Set.of());
        double matched = 0;
        for (String t : query.terms()) if (asked.contains(t)) matched += idf(t);
        return query.information() == 0 ? 0 : matched / query.information();
    }

    /** BM25's idf; a term no entry has gets the highest value, which is what makes off-topic questions score low. */
    private double idf(String term) {
        int df = documentFrequency.getOrDefault(term, 0);
        return Math.log(1 + (documents - df + 0.5) / (df + 0.5));
    }

    List<String> terms(String text) {
        return LanguageAnalyzers.terms(analyzer, text);
    }
}
