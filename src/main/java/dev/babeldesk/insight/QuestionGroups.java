package dev.babeldesk.insight;

import dev.babeldesk.retrieval.LanguageAnalyzers;
import org.apache.lucene.analysis.Analyzer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Groups the questions the bot could not answer well (handed off for want of an answer, or voted
 * not helpful) so an editor sees which answer to write or fix next: similar questions in one
 * language end up together, with a count, most frequent first, and the entry the bot thinks is
 * closest.
 *
 * <p>Two questions are similar when they share most of their weighted words after the language's
 * stemming (TF-IDF cosine), or, in languages with an embedding model, when their meaning vectors
 * are close, so "where is my parcel" and "my package has not arrived" can meet. Each distinct
 * question, most frequent first, joins the most similar existing group or starts one; the result
 * does not depend on the order the questions came in.
 */
public final class QuestionGroups {
    /**
     * 0.7 rather than 0.5: on the development set's 265 out-of-scope questions, 0.5 joined questions
     * on different topics that shared only their question words ("where do ... come from"); at 0.7
     * the word rule joins same-topic questions only, and paraphrases still meet by meaning.
     */
    static final double WORDS_SIMILAR = 0.7;
    static final double MEANING_SIMILAR = 0.7;
    static final int MAX_EXAMPLES = 5;
    public static final int MAX_GROUPS = 100;

    /** Meaning vectors, when the language has a model. */
    public interface Meanings {
        Optional<float[]> of(String text, String language);
    }

    /** The entry the bot ranks first for a question today. */
    public interface Closest {
        Optional<ClosestEntry> of(String text, String language);
    }

    public record ClosestEntry(String id, String title, double confidence) {}

    public record Group(String language, int count, int handedOff, int notHelpful, List<String> examples,
                        ClosestEntry closest) {}

    private final Meanings meanings;
    private final Closest closest;

    public QuestionGroups(Meanings meanings, Closest closest) {
        this.meanings = meanings;
        this.closest = closest;
    }

    public List<Group> group(List<BotTurn> turns) {
        Map<String, Map<String, Question>> byLanguage = new TreeMap<>();
        for (BotTurn t : turns) {
            if (!t.unanswered() && !t.notHelpful()) continue;
            String language = t.language() == null ? "und" : t.language();
            String text = PersonalData.mask(t.question().strip());
            // Repeats differ in case, spacing and punctuation only: "can i pay with klarna" is "Can I pay with Klarna?".
            String key = text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}\\p{M}\\[\\]]+", " ").strip();
            Question q = byLanguage.computeIfAbsent(language, l -> new LinkedHashMap<>()).computeIfAbsent(key, k -> new Question(text));
            q.count++;
            if (t.unanswered()) q.handedOff++;
            if (t.notHelpful()) q.notHelpful++;
        }
        List<Building> groups = new ArrayList<>();
        byLanguage.forEach((language, questions) -> groups.addAll(groupLanguage(language, new ArrayList<>(questions.values()))));
        groups.sort(Comparator.comparingInt(Building::count).reversed()
                .thenComparing(g -> g.language).thenComparing(g -> g.members.get(0).text));
        List<Group> out = new ArrayList<>();
        for (Building g : groups.subList(0, Math.min(MAX_GROUPS, groups.size()))) out.add(g.finish(closest));
        return out;
    }

    private List<Building> groupLanguage(String language, List<Question> questions) {
        questions.sort(Comparator.comparingInt((Question q) -> q.count).reversed().thenComparing(q -> q.text));
        Map<String, Integer> documentFrequency = new HashMap<>();
        try (Analyzer analyzer = LanguageAnalyzers.forLanguage(language)) {
            for (Question q : questions) {
                q.terms = new HashMap<>();
                for (String term : LanguageAnalyzers.terms(analyzer, q.text)) q.terms.merge(term, 1, Integer::sum);
                q.terms.keySet().forEach(term -> documentFrequency.merge(term, 1, Integer::sum));
                q.meaning = meanings.of(q.text, language).map(QuestionGroups::unit).orElse(null);
            }
        }
        for (Question q : questions) q.words = unit(q.terms, documentFrequency, questions.size());
        List<Building> groups = new ArrayList<>();
        for (Question q : questions) {
            Building best = null;
            double bestSimilarity = 0;
            for (Building g : groups) {
                double s = g.similarity(q);
                if (s > bestSimilarity) {
                    best = g;
                    bestSimilarity = s;
                }
            }
            if (best == null) {
                best = new Building(language);
                groups.add(best);
            }
            best.add(q);
        }
        return groups;
    }

    /** A distinct question text and how often it came. */
    private static final class Question {
        final String text;
        int count;
        int handedOff;
        int notHelpful;
        Map<String, Integer> terms;
        Map<String, Double> words;
        float[] meaning;

        Question(String text) {
            this.text = text;
        }
    }

    private static final class Building {
        final String language;
        final List<Question> members = new ArrayList<>();

        Building(String language) {
            this.language = language;
        }

        void add(Question q) {
            members.add(q);
        }

        int count() {
            return members.stream().mapToInt(q -> q.count).sum();
        }

        /** Similarity to the group's first (most frequent) question, 0 when not similar enough to join. */
        double similarity(Question q) {
            Question head = members.get(0);
            double words = dot(head.words, q.words);
            double meaning = head.meaning != null && q.meaning != null ? dot(head.meaning, q.meaning) : 0;
            if (words < WORDS_SIMILAR && meaning < MEANING_SIMILAR) return 0;
            return Math.max(words, meaning);
        }

        Group finish(Closest closest) {
            int handedOff = members.stream().mapToInt(q -> q.handedOff).sum();
            int notHelpful = members.stream().mapToInt(q -> q.notHelpful).sum();
            List<String> examples = members.stream().limit(MAX_EXAMPLES).map(q -> q.text).toList();
            return new Group(language, count(), handedOff, notHelpful, examples,
                    closest.of(members.get(0).text, language).orElse(null));
        }
    }

    private static Map<String, Double> unit(Map<String, Integer> terms, Map<String, Integer> df, int documents) {
        Map<String, Double> weights = new HashMap<>();
        double norm = 0;
        for (Map.Entry<String, Integer> t : terms.entrySet()) {
            double w = t.getValue() * Math.log(1 + (double) documents / df.get(t.getKey()));
            weights.put(t.getKey(), w);
            norm += w * w;
        }
        double length = Math.sqrt(norm);
        if (length > 0) weights.replaceAll((k, w) -> w / length);
        return weights;
    }

    private static float[] unit(float[] v) {
        double norm = 0;
        for (float x : v) norm += x * x;
        float[] out = new float[v.length];
        double length = Math.sqrt(norm);
        for (int i = 0; i < v.length; i++) out[i] = length == 0 ? 0 : (float) (v[i] / length);
        return out;
    }

    private static double dot(Map<String, Double> a, Map<String, Double> b) {
        double sum = 0;
        for (Map.Entry<String, Double> e : a.entrySet()) sum += e.getValue() * b.getOrDefault(e.getKey(), 0.0);
        return sum;
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < Math.min(a.length, b.length); i++) sum += a[i] * b[i];
        return sum;
    }
}
