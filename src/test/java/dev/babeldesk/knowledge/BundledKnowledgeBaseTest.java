package dev.babeldesk.knowledge;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sample knowledge base shipped in knowledge-base/ (Maven runs tests from the project root). */
class BundledKnowledgeBaseTest {
    static final Path BUNDLED = Path.of("knowledge-base");

    private static KnowledgeBaseLoader.Result result;

    @BeforeAll
    static void load() {
        assertTrue(Files.isDirectory(BUNDLED), "run the tests from the project root: " + BUNDLED.toAbsolutePath());
        result = new KnowledgeBaseLoader("en").load(BUNDLED);
    }

    private static Set<String> ids(String language) {
        Set<String> ids = new TreeSet<>();
        result.knowledgeBase().entries(language).forEach(e -> ids.add(e.id()));
        return ids;
    }

    @Test
    void loads_without_errors() {
        assertEquals(List.of(), result.errors());
    }

    @Test
    void has_the_six_sample_languages() {
        assertEquals(Set.of("en", "es", "de", "fr", "zh", "ja"), result.knowledgeBase().languages());
    }

    @Test
    void every_language_answers_the_same_questions_as_english() {
        Set<String> english = ids("en");
        assertFalse(english.isEmpty());
        List<Executable> checks = new ArrayList<>();
        for (String language : result.knowledgeBase().languages()) {
            checks.add(() -> {
                Set<String> missing = new TreeSet<>(english);
                missing.removeAll(ids(language));
                Set<String> extra = new TreeSet<>(ids(language));
                extra.removeAll(english);
                assertTrue(missing.isEmpty() && extra.isEmpty(),
                        language + " lacks " + missing + " and has no English original for " + extra);
            });
        }
        assertAll(checks);
    }

    @Test
    void a_translation_keeps_the_handoff_flag_of_the_english_entry() {
        List<Executable> checks = new ArrayList<>();
        for (Entry en : result.knowledgeBase().entries("en")) {
            for (String language : result.knowledgeBase().languages()) {
                result.knowledgeBase().entry(language, en.id()).ifPresent(t -> checks.add(() ->
                        assertEquals(en.handoff(), t.handoff(), language + "/" + en.id() + " handoff differs from en")));
            }
        }
        assertAll(checks);
    }
}
