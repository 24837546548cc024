package dev.babeldesk.knowledge;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** An immutable, validated set of entries grouped by language and id. */
public final class KnowledgeBase {
    private final Map<String, Map<String, Entry>> byLanguage;

    public KnowledgeBase(Collection<Entry> entries) {
        Map<String, Map<String, Entry>> map = new TreeMap<>();
        for (Entry e : entries) {
            map.computeIfAbsent(e.language(), l -> new LinkedHashMap<>()).putIfAbsent(e.id(), e);
        }
        // Sorted and unmodifiable, not Map.copyOf: iteration order must not change from run to run
        // (calibration folds and tie-breaks depend on it).
        map.replaceAll((lang, m) -> java.util.Collections.unmodifiableMap(new TreeMap<>(m)));
        this.byLanguage = java.util.Collections.unmodifiableMap(map);
    }

    public Set<String> languages() {
        return new java.util.TreeSet<>(byLanguage.keySet());
    }

    public Collection<Entry> entries(String language) {
        return byLanguage.getOrDefault(language, Map.of()).values();
    }

    public List<Entry> all() {
        return byLanguage.values().stream().flatMap(m -> m.values().stream()).toList();
    }

    public Optional<Entry> entry(String language, String id) {
        return Optional.ofNullable(byLanguage.getOrDefault(language, Map.of()).get(id));
    }

    /**
     * This base with learned phrasings added to their entries, by language and entry id; phrasings
     * of entries it does not have (deleted or renamed since) are left out.
     */
    public KnowledgeBase withLearned(Map<String, Map<String, List<String>>> learned) {
        if (learned.isEmpty() && all().stream().allMatch(e -> e.learned().isEmpty())) return this;
        return new KnowledgeBase(all().stream()
                .map(e -> e.withLearned(learned.getOrDefault(e.language(), Map.of()).getOrDefault(e.id(), List.of())))
                .toList());
    }

    public int size() {
        return byLanguage.values().stream().mapToInt(Map::size).sum();
    }
}
