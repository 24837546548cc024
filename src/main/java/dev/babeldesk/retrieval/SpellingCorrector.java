package dev.babeldesk.retrieval;

import dev.babeldesk.language.Dictionary;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Corrects a shopper's typing slips towards the knowledge base's own words, before retrieval: a
 * word of four letters or more that is neither one of the base's words nor a word of the language
 * becomes the base's word nearest to it (one edit away, two for words of eight letters or more;
 * letters swapped count as one edit), when exactly one is nearest. "cancell my ordr" asks the
 * indexes for "cancel my order"; a valid word the base lacks ("will") and an ambiguous slip are
 * left alone. The dictionary is what keeps valid words from being "corrected"; a language without
 * one is not corrected at all.
 */
final class SpellingCorrector {
    private static final Pattern WORD = Pattern.compile("\\p{L}+");
    private static final int MIN_LENGTH = 4;
    private static final int LONG_WORD = 8;

    private final Set<String> vocabulary;
    /** The base's words by length, so that a word is compared only with words it could be within reach of. */
    private final List<List<String>> byLength = new ArrayList<>();
    private final Dictionary dictionary;

    /** @param vocabulary the base's words of the language, lower-case */
    SpellingCorrector(Set<String> vocabulary, Dictionary dictionary) {
        this.vocabulary = Set.copyOf(vocabulary);
        this.dictionary = dictionary;
        for (String word : this.vocabulary) {
            while (byLength.size() <= word.length()) byLength.add(new ArrayList<>());
            byLength.get(word.length()).add(word);
        }
    }

    /** The base's words in these phrasings, as the corrector needs them. */
    static Set<String> vocabulary(List<IndexedEntry> entries) {
        Set<String> words = new java.util.HashSet<>();
        for (IndexedEntry e : entries) {
            for (String phrasing : e.phrasings()) {
                Matcher m = WORD.matcher(phrasing.toLowerCase(Locale.ROOT));
                while (m.find()) words.add(m.group());
            }
        }
        return words;
    }

    /** The text with its slips corrected; everything else (case of other words, punctuation, numbers) as it was. */
    String correct(String text) {
        Matcher m = WORD.matcher(text);
        StringBuilder out = null;
        int last = 0;
        while (m.find()) {
            String correction = correction(m.group().toLowerCase(Locale.ROOT));
            if (correction == null) continue;
            if (out == null) out = new StringBuilder(text.length());
            out.append(text, last, m.start()).append(correction);
            last = m.end();
        }
        return out == null ? text : out.append(text, last, text.length()).toString();
    }

    /** The base's word a slip stands for, or null to leave the word as it is. */
    String correction(String word) {
        if (word.length() < MIN_LENGTH || vocabulary.contains(word) || dictionary.contains(word)) return null;
        int reach = word.length() >= LONG_WORD ? 2 : 1;
        String best = null;
        int bestDistance = reach + 1;
        boolean tie = false;
        for (int length = Math.max(1, word.length() - reach); length <= word.length() + reach && length < byLength.size(); length++) {
            for (String candidate : byLength.get(length)) {
                int d = distance(word, candidate, reach);
                if (d < bestDistance) {
                    bestDistance = d;
                    best = candidate;
                    tie = false;
                } else if (d == bestDistance) {
                    tie = true;
                }
            }
        }
        return best != null && !tie ? best : null;
    }

    /** Optimal-string-alignment distance (insert, delete, substitute, swap two neighbours), or reach + 1 beyond reach. */
    static int distance(String a, String b, int reach) {
        if (Math.abs(a.length() - b.length()) > reach) return reach + 1;
        int[] before = new int[b.length() + 1];
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) previous[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            int rowBest = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int d = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d = Math.min(d, before[j - 2] + 1);
                }
                current[j] = d;
                rowBest = Math.min(rowBest, d);
            }
            if (rowBest > reach) return reach + 1;
            int[] t = before;
            before = previous;
            previous = current;
            current = t;
        }
        return Math.min(previous[b.length()], reach + 1);
    }
}
