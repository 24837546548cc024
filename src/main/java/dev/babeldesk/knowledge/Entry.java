package dev.babeldesk.knowledge;

import java.nio.file.Path;
import java.util.List;

/**
 * One answer in one language, as an editor wrote it: the canonical question (title), other
 * phrasings shoppers use, and the answer both as markdown and as inert HTML.
 */
public record Entry(
        String id,
        String language,
        String title,
        List<String> questions,
        List<String> tags,
        boolean handoff,
        String markdown,
        String html,
        Path source) {

    public Entry {
        questions = List.copyOf(questions);
        tags = List.copyOf(tags);
    }
}
