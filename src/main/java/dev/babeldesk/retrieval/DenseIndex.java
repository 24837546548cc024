package dev.babeldesk.retrieval;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.store.ByteBuffersDirectory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sentence vectors of one language's phrasings and answer bodies in Lucene, one vector field
 * per model. Compared exhaustively, straight from Lucene's vector values: a knowledge base is
 * small, approximate (HNSW) search misses near neighbours exactly where they matter, and the
 * filtered exact kNN query cost milliseconds of set-up per question.
 */
final class DenseIndex {
    private static final String ID = "id";
    private static final String KIND = "kind";
    private static final String BODY = "body";

    /** The answer body helps a little: the dense score is mostly the closest phrasing. */
    static final double BODY_WEIGHT = 0.15;

    private final Embedder embedder;
    private final String field;
    private final List<Leaf> leaves;
    private final int documents;

    /** Dense evidence for one entry. */
    record Hit(double bestPhrasing, double body) {
        double score() {
            return (1 - BODY_WEIGHT) * bestPhrasing + BODY_WEIGHT * body;
        }
    }

    DenseIndex(List<IndexedEntry> entries, Embedder embedder) {
        this.embedder = embedder;
        this.field = "vector_" + embedder.modelId().replaceAll("[^A-Za-z0-9]", "_");
        ByteBuffersDirectory directory = new ByteBuffersDirectory();
        int count = 0;
        try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig())) {
            for (IndexedEntry e : entries) {
                for (String phrasing : e.phrasings()) {
                    writer.addDocument(document(e.entry().id(), "asked", embedder.document(phrasing)));
                    count++;
                }
                writer.addDocument(document(e.entry().id(), BODY, embedder.document(e.entry().markdown())));
                count++;
            }
            writer.commit();
            leaves = leaves(DirectoryReader.open(directory), field);
        } catch (IOException e) {
            throw new UncheckedIOException("building the vector index", e);
        }
        this.documents = count;
    }

    private Document document(String id, String kind, float[] vector) {
        Document doc = new Document();
        doc.add(new StoredField(ID, id));
        doc.add(new StoredField(KIND, kind));
        doc.add(new KnnFloatVectorField(field, vector, VectorSimilarityFunction.DOT_PRODUCT));
        return doc;
    }

    Embedder embedder() {
        return embedder;
    }

    /** Closest-phrasing and body similarity of every entry, by entry id. */
    Map<String, Hit> search(float[] query) {
        if (documents == 0) return Map.of();
        Map<String, double[]> best = new HashMap<>();
        try {
            for (Leaf leaf : leaves) {
                FloatVectorValues values = leaf.vectors().copy(); // copies are cheap and make concurrent searches safe
                for (int ord = 0; ord < values.size(); ord++) {
                    double cosine = 2 * VectorSimilarityFunction.DOT_PRODUCT.compare(query, values.vectorValue(ord)) - 1;
                    double[] s = best.computeIfAbsent(leaf.ids()[ord], k -> new double[] {-1, -1});
                    int slot = leaf.body()[ord] ? 1 : 0;
                    s[slot] = Math.max(s[slot], cosine);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Hit> out = new HashMap<>(best.size() * 2);
        best.forEach((id, s) -> out.put(id, new Hit(s[0] < -0.5 ? s[1] : s[0], s[1])));
        return out;
    }

    /** One segment's vectors with the entry id and kind of each vector ordinal, read once. */
    private record Leaf(FloatVectorValues vectors, String[] ids, boolean[] body) {}

    private static List<Leaf> leaves(DirectoryReader reader, String field) throws IOException {
        List<Leaf> out = new ArrayList<>();
        for (LeafReaderContext context : reader.leaves()) {
            FloatVectorValues values = context.reader().getFloatVectorValues(field);
            if (values == null) continue;
            String[] ids = new String[values.size()];
            boolean[] body = new boolean[values.size()];
            var stored = context.reader().storedFields();
            for (int ord = 0; ord < values.size(); ord++) {
                Document doc = stored.document(values.ordToDoc(ord));
                ids[ord] = doc.get(ID);
                body[ord] = BODY.equals(doc.get(KIND));
            }
            out.add(new Leaf(values, ids, body));
        }
        return out;
    }
}
