package dev.babeldesk.retrieval;

import dev.babeldesk.knowledge.Entry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An entry with the phrasings it is indexed under. Normally its title and every example
 * question; calibration indexes entries with some phrasings held out.
 */
public record IndexedEntry(Entry entry, List<String> phrasings) {
    /** Final punctuation, Western and CJK and Arabic, with any spaces around it. */
    private static final Pattern TRAILING_PUNCTUATION = Pattern.compile("[\\p{Punct}\\s\\u3002\\uff1f\\uff01\\u061f]+$");

    public IndexedEntry {
        phrasings = List.copyOf(phrasings);
    }

    public static IndexedEntry of(Entry entry) {
        return new IndexedEntry(entry, allPhrasings(entry));
    }

    /**
     * The title and example questions, each distinct text once. Editors often repeat the title as
     * the first question; counted twice it would weigh double in the indexes, and calibration would
     * hold out one copy and find the other, learning from a question answered by an exact match.
     */
    public static List<String> allPhrasings(Entry entry) {
        Map<String, String> distinct = new LinkedHashMap<>();
        distinct.putIfAbsent(sameness(entry.title()), entry.title());
        entry.questions().forEach(q -> distinct.putIfAbsent(sameness(q), q));
        return new ArrayList<>(distinct.values());
    }

    /** Texts that differ only in case, spacing or final punctuation are the same phrasing. */
    private static String sameness(String text) {
        return TRAILING_PUNCTUATION.matcher(text.strip().toLowerCase(Locale.ROOT)).replaceAll("").replaceAll("\\s+", " ");
    }
}
