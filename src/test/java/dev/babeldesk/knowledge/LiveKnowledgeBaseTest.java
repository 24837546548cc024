package dev.babeldesk.knowledge;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A broken edit never takes an answer away; the error is reported until it is fixed. */
class LiveKnowledgeBaseTest {

    private static void write(Path file, String title, String body) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "---\ntitle: \"" + title + "\"\n---\n" + body + "\n");
    }

    @Test
    void an_invalid_edit_keeps_the_last_good_version_and_reports_the_error(@TempDir Path kb) throws Exception {
        write(kb.resolve("en/a.md"), "Question A?", "Answer A.");
        write(kb.resolve("en/b.md"), "Question B?", "Answer B.");
        LiveKnowledgeBase live = new LiveKnowledgeBase(kb, "en");
        assertEquals(2, live.reload().knowledgeBase().size());

        Files.writeString(kb.resolve("en/a.md"), "---\ntitle: [unclosed\n---\nAnswer A2.\n");
        LiveKnowledgeBase.Snapshot broken = live.reload();
        assertEquals("Answer A.", broken.knowledgeBase().entry("en", "a").orElseThrow().markdown());
        assertEquals(1, broken.errors().size());
        assertTrue(broken.errors().get(0).file().endsWith("a.md"));

        write(kb.resolve("en/a.md"), "Question A?", "Answer A3.");
        LiveKnowledgeBase.Snapshot fixed = live.reload();
        assertEquals("Answer A3.", fixed.knowledgeBase().entry("en", "a").orElseThrow().markdown());
        assertTrue(fixed.errors().isEmpty());
    }

    @Test
    void a_deleted_file_is_gone_but_a_vanished_folder_keeps_everything(@TempDir Path dir) throws Exception {
        Path kb = dir.resolve("kb");
        write(kb.resolve("en/a.md"), "Question A?", "Answer A.");
        write(kb.resolve("en/b.md"), "Question B?", "Answer B.");
        LiveKnowledgeBase live = new LiveKnowledgeBase(kb, "en");
        live.reload();
        Files.delete(kb.resolve("en/b.md"));
        assertEquals(1, live.reload().knowledgeBase().size());

        Files.delete(kb.resolve("en/a.md"));
        Files.delete(kb.resolve("en"));
        Files.delete(kb);
        LiveKnowledgeBase.Snapshot gone = live.reload();
        assertEquals(1, gone.knowledgeBase().size(), "a missing folder is an accident, not an instruction to forget");
        assertEquals(1, gone.errors().size());
    }
}
