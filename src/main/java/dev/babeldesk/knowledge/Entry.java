package dev.babeldesk.knowledge;

import java.nio.file.Path;
import java.util.List;

/**
 * One answer in one language, as an editor wrote it: the canonical question (title), other
 * phrasings shoppers use, and the answer both as markdown and as inert HTML; and the shoppers'
 * own questions an admin approved as further phrasings ({@code learned}, kept in the database,
 * not in the file: see {@code learning.LearningService}).
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
        Path source,
        List<String> learned) {

    public Entry {
        questions = List.copyOf(questions);
        tags = List.copyOf(tags);
        learned = List.copyOf(learned);
    }

    /** As read from a file: nothing learned yet. */
    public Entry(String id, String language, String title, List<String> questions, List<String> tags, boolean handoff,
                 String markdown, String html, Path source) {
        this(id, language, title, questions, tags, handoff, markdown, html, source, List.of());
    }

    /** This entry with these learned phrasings instead of its own (none that the editor's phrasings already have). */
    public Entry withLearned(List<String> phrasings) {
        List<String> fresh = phrasings.stream().filter(p -> !isEditorsPhrasing(p)).distinct().toList();
        return new Entry(id, language, title, questions, tags, handoff, markdown, html, source, fresh);
    }

    /** Whether the editor wrote this text as the title or an example question. */
    public boolean isEditorsPhrasing(String text) {
        return title.equals(text) || questions.contains(text);
    }
}
