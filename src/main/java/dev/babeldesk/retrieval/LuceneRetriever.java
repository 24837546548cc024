package dev.babeldesk.retrieval;

import dev.babeldesk.knowledge.Entry;
import dev.babeldesk.knowledge.KnowledgeBase;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
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
 * BM25 over one in-memory Lucene index per language, each analysed with that language's
 * analyzer. One document per entry with the title, the example questions and the answer body as
 * separate fields; a query term counts once, in the field where it matches best (a dismax), so a
 * word repeated across an entry's phrasings does not drown the others.
 */
public final class LuceneRetriever implements Retriever {
    static final String ID = "id";
    static final String TITLE = "title";
    static final String QUESTIONS = "questions";
    static final String BODY = "body";

    /** Field weights: the ways shoppers ask carry the signal; answer bodies are mostly boilerplate. */
    private final Map<String, Float> weights = Map.of(TITLE, 1.0f, QUESTIONS, 1.0f, BODY, 0.15f);

    private final Map<String, LanguageIndex> indexes = new HashMap<>();

    public LuceneRetriever(KnowledgeBase knowledgeBase) {
        for (String language : knowledgeBase.languages()) {
            indexes.put(language, new LanguageIndex(language, List.copyOf(knowledgeBase.entries(language))));
        }
    }

    @Override
    public List<Candidate> search(String text, String language, int limit) {
        LanguageIndex index = indexes.get(language);
        return index == null ? List.of() : index.search(text, limit);
    }

    private final class LanguageIndex {
        private final Analyzer analyzer;
        private final IndexSearcher searcher;
        private final Map<String, Entry> byId = new HashMap<>();
        /** Analysed terms of each entry's title and questions, for coverage. */
        private final Map<String, Set<String>> askedTerms = new HashMap<>();
        /** In how many entries each term occurs (any field), for idf. */
        private final Map<String, Integer> documentFrequency = new HashMap<>();
        private final int documents;

        LanguageIndex(String language, List<Entry> entries) {
            this.analyzer = LanguageAnalyzers.forLanguage(language);
            this.documents = entries.size();
            ByteBuffersDirectory directory = new ByteBuffersDirectory();
            IndexWriterConfig config = new IndexWriterConfig(analyzer).setSimilarity(new BM25Similarity());
            try (IndexWriter writer = new IndexWriter(directory, config)) {
                for (Entry e : entries) {
                    byId.put(e.id(), e);
                    Document doc = new Document();
                    doc.add(new StoredField(ID, e.id()));
                    doc.add(new TextField(TITLE, e.title(), Field.Store.NO));
                    for (String q : e.questions()) doc.add(new TextField(QUESTIONS, q, Field.Store.NO));
                    doc.add(new TextField(BODY, e.markdown(), Field.Store.NO));
                    writer.addDocument(doc);

                    Set<String> asked = new HashSet<>(terms(e.title()));
                    e.questions().forEach(q -> asked.addAll(terms(q)));
                    askedTerms.put(e.id(), asked);
                    Set<String> all = new HashSet<>(asked);
                    all.addAll(terms(e.markdown()));
                    all.forEach(t -> documentFrequency.merge(t, 1, Integer::sum));
                }
                writer.commit();
                searcher = new IndexSearcher(DirectoryReader.open(directory));
                searcher.setSimilarity(new BM25Similarity());
            } catch (IOException e) {
                throw new UncheckedIOException("building the index for " + language, e);
            }
        }

        List<Candidate> search(String text, int limit) {
            List<String> terms = new ArrayList<>(new LinkedHashSet<>(terms(text)));
            if (terms.isEmpty()) return List.of();
            BooleanQuery.Builder query = new BooleanQuery.Builder();
            double information = 0;
            for (String term : terms) {
                List<Query> perField = new ArrayList<>();
                weights.forEach((field, weight) -> perField.add(new BoostQuery(new TermQuery(new Term(field, term)), weight)));
                query.add(new DisjunctionMaxQuery(perField, 0.0f), BooleanClause.Occur.SHOULD);
                information += idf(term);
            }
            try {
                ScoreDoc[] hits = searcher.search(query.build(), limit).scoreDocs;
                List<Candidate> candidates = new ArrayList<>(hits.length);
                var stored = searcher.storedFields();
                for (ScoreDoc hit : hits) {
                    Entry entry = byId.get(stored.document(hit.doc).get(ID));
                    candidates.add(new Candidate(entry, hit.score / information, coverage(terms, entry.id())));
                }
                return candidates;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private double coverage(List<String> terms, String entryId) {
            Set<String> asked = askedTerms.get(entryId);
            double matched = 0, total = 0;
            for (String t : terms) {
                double idf = idf(t);
                total += idf;
                if (asked.contains(t)) matched += idf;
            }
            return total == 0 ? 0 : matched / total;
        }

        /** BM25's idf; a term no entry has gets the highest value, which is what makes off-topic questions score low. */
        private double idf(String term) {
            int df = documentFrequency.getOrDefault(term, 0);
            return Math.log(1 + (documents - df + 0.5) / (df + 0.5));
        }

        List<String> terms(String text) {
            List<String> out = new ArrayList<>();
            try (TokenStream stream = analyzer.tokenStream(QUESTIONS, text)) {
                CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
                stream.reset();
                while (stream.incrementToken()) out.add(term.toString());
                stream.end();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out;
        }
    }
}
