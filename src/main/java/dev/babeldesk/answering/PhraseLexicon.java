package dev.babeldesk.answering;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Per-language phrase patterns loaded from a YAML resource, matched in every language at once.
 * Used for cues that must work without any model: an explicit request for a person.
 */
public final class PhraseLexicon {
    private final Map<String, List<Pattern>> patterns;

    private PhraseLexicon(Map<String, List<Pattern>> patterns) {
        this.patterns = patterns;
    }

    public static PhraseLexicon fromResource(String resource) {
        try (InputStream in = PhraseLexicon.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("missing resource " + resource);
            Map<String, List<String>> raw = new ObjectMapper(new YAMLFactory()).readValue(in, new TypeReference<>() {});
            Map<String, List<Pattern>> compiled = new LinkedHashMap<>();
            raw.forEach((lang, list) -> compiled.put(lang,
                    list.stream().map(p -> Pattern.compile(p, Pattern.UNICODE_CHARACTER_CLASS)).toList()));
            return new PhraseLexicon(Map.copyOf(compiled));
        } catch (IOException e) {
            throw new UncheckedIOException(resource, e);
        }
    }

    /** The language whose phrase matched, if any. */
    public Optional<String> match(String text) {
        String normalized = TextNormalizer.normalize(text);
        for (Map.Entry<String, List<Pattern>> e : patterns.entrySet()) {
            for (Pattern p : e.getValue()) {
                if (p.matcher(normalized).find()) return Optional.of(e.getKey());
            }
        }
        return Optional.empty();
    }

    public java.util.Set<String> languages() {
        return patterns.keySet();
    }
}
