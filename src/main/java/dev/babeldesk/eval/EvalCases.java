package dev.babeldesk.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a JSON Lines file of cases, naming the line of every malformed one. */
public final class EvalCases {
    private static final ObjectMapper JSON = new ObjectMapper();

    private EvalCases() {}

    public static List<EvalCase> read(Path file) throws IOException {
        List<EvalCase> cases = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            String where = file + ":" + (i + 1) + ": ";
            JsonNode node;
            try {
                node = JSON.readTree(line);
            } catch (IOException e) {
                problems.add(where + "not a JSON object");
                continue;
            }
            if (node == null || !node.isObject()) {
                problems.add(where + "not a JSON object");
                continue;
            }
            String text = node.path("text").asText("");
            String expect = node.path("expect").asText("");
            if (text.isBlank() || expect.isBlank()) {
                problems.add(where + "needs a non-empty \"text\" and \"expect\" (an entry id or \"handoff\")");
                continue;
            }
            Map<String, String> extra = new LinkedHashMap<>();
            node.fields().forEachRemaining(f -> {
                if (!List.of("id", "text", "lang", "expect").contains(f.getKey()) && f.getValue().isValueNode()) {
                    extra.put(f.getKey(), f.getValue().asText());
                }
            });
            cases.add(new EvalCase(node.path("id").asText("line-" + (i + 1)), text,
                    node.path("lang").asText("?"), expect, extra));
        }
        if (!problems.isEmpty()) throw new IOException(String.join("\n", problems));
        return cases;
    }
}
