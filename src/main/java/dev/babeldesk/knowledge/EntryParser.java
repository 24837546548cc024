package dev.babeldesk.knowledge;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Parses one knowledge-base file: YAML front matter between two {@code ---} lines, then the
 * markdown answer. Reports every problem it finds with the line it is on instead of stopping
 * at the first, so an editor sees the whole list at once.
 */
public final class EntryParser {
    static final Set<String> KNOWN_KEYS = Set.of("id", "title", "questions", "tags", "handoff");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final MarkdownRenderer markdown;

    public EntryParser(MarkdownRenderer markdown) {
        this.markdown = markdown;
    }

    /** The parsed entry, or empty when the file has errors (all of which are added to {@code problems}). */
    public Optional<Entry> parse(Path file, String language, String text, List<Problem> problems) {
        int errorsBefore = countErrors(problems);
        String[] lines = text.replace("\r\n", "\n").split("\n", -1);
        if (lines.length == 0 || !lines[0].strip().equals("---")) {
            problems.add(Problem.error(file, 1, "missing front matter: the file must start with a line '---'"));
            return Optional.empty();
        }
        int close = -1;
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].strip().equals("---")) {
                close = i;
                break;
            }
        }
        if (close < 0) {
            problems.add(Problem.error(file, 1, "front matter is not closed: add a line '---' after the last key"));
            return Optional.empty();
        }
        String frontMatter = String.join("\n", java.util.Arrays.copyOfRange(lines, 1, close));
        JsonNode meta;
        try {
            meta = YAML.readTree(frontMatter);
        } catch (JacksonException e) {
            int line = e.getLocation() == null ? 1 : e.getLocation().getLineNr() + 1;
            problems.add(Problem.error(file, line, "malformed front matter: " + e.getOriginalMessage()));
            return Optional.empty();
        }
        if (meta == null || !meta.isObject()) {
            problems.add(Problem.error(file, 2, "front matter must be a set of 'key: value' lines"));
            return Optional.empty();
        }

        String fileId = file.getFileName().toString().replaceFirst("\\.md$", "");
        String id = text(meta, "id", file, lines, problems).orElse(fileId);
        if (!ID.matcher(id).matches()) {
            problems.add(Problem.error(file, lineOf(lines, "id"),
                    "id '" + id + "' may only contain letters, digits, '.', '_' and '-'"));
        }
        Optional<String> title = text(meta, "title", file, lines, problems);
        if (!meta.has("title")) {
            problems.add(Problem.error(file, 1, "missing title: add 'title: <the question this answers>'"));
        } else if (meta.get("title").isNull() || title.isPresent() && title.get().isBlank()) {
            problems.add(Problem.error(file, lineOf(lines, "title"), "title is empty"));
        }
        List<String> questions = list(meta, "questions", file, lines, problems);
        List<String> tags = list(meta, "tags", file, lines, problems);
        boolean handoff = false;
        if (meta.has("handoff")) {
            JsonNode node = meta.get("handoff");
            if (node.isBoolean()) {
                handoff = node.booleanValue();
            } else {
                problems.add(Problem.error(file, lineOf(lines, "handoff"), "handoff must be true or false"));
            }
        }
        meta.fieldNames().forEachRemaining(key -> {
            if (!KNOWN_KEYS.contains(key)) {
                problems.add(Problem.warning(file, lineOf(lines, key),
                        "unknown front-matter key '" + key + "' is ignored (known: id, title, questions, tags, handoff)"));
            }
        });

        String body = String.join("\n", java.util.Arrays.copyOfRange(lines, close + 1, lines.length)).strip();
        if (body.isEmpty()) {
            problems.add(Problem.error(file, close + 2, "empty answer: write the answer below the closing '---'"));
        }
        if (countErrors(problems) > errorsBefore) return Optional.empty();
        return Optional.of(new Entry(id, language, title.orElseThrow().strip(), questions, tags, handoff,
                body, markdown.toHtml(body), file));
    }

    private static Optional<String> text(JsonNode meta, String key, Path file, String[] lines, List<Problem> problems) {
        JsonNode node = meta.get(key);
        if (node == null || node.isNull()) return Optional.empty();
        if (!node.isValueNode()) {
            problems.add(Problem.error(file, lineOf(lines, key), key + " must be a single line of text"));
            return Optional.empty();
        }
        return Optional.of(node.asText());
    }

    private static List<String> list(JsonNode meta, String key, Path file, String[] lines, List<Problem> problems) {
        JsonNode node = meta.get(key);
        if (node == null || node.isNull()) return List.of();
        List<String> values = new ArrayList<>();
        if (node.isValueNode()) {
            values.add(node.asText());
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                if (!item.isValueNode() || item.isNull() || item.asText().isBlank()) {
                    problems.add(Problem.error(file, lineOf(lines, key), key + " must be a list of non-empty texts"));
                    return List.of();
                }
                values.add(item.asText().strip());
            }
        } else {
            problems.add(Problem.error(file, lineOf(lines, key), key + " must be a list, e.g. [a, b] or '- a' lines"));
        }
        return values;
    }

    /** 1-based line of a top-level key in the file (front matter starts on line 2). */
    static int lineOf(String[] lines, String key) {
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].startsWith(key + ":")) return i + 1;
            if (lines[i].strip().equals("---")) break;
        }
        return 1;
    }

    private static int countErrors(List<Problem> problems) {
        return (int) problems.stream().filter(p -> p.severity() == Problem.Severity.ERROR).count();
    }
}
