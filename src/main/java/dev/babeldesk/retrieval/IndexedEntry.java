package dev.babeldesk.retrieval;

import dev.babeldesk.knowledge.Entry;

import java.util.ArrayList;
import java.util.List;

/**
 * An entry with the phrasings it is indexed under. Normally its title, every example question
 * and every learned one; calibration indexes entries with some phrasings held out.
 */
public record IndexedEntry(Entry entry, List<String> phrasings) {

    public IndexedEntry {
        phrasings = List.copyOf(phrasings);
    }

    public static IndexedEntry of(Entry entry) {
        return new IndexedEntry(entry, allPhrasings(entry));
    }

    /** The title, the editor's example questions, then the learned ones. */
    public static List<String> allPhrasings(Entry entry) {
        List<String> all = new ArrayList<>();
        all.add(entry.title());
        all.addAll(entry.questions());
        all.addAll(entry.learned());
        return all;
    }
}
