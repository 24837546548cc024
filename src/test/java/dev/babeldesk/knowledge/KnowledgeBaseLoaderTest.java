package dev.babeldesk.knowledge;

import dev.babeldesk.Wiring;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KnowledgeBaseLoaderTest {
    @TempDir
    Path root;

    private final KnowledgeBaseLoader loader = new KnowledgeBaseLoader("en");

    private Path write(String relative, String text) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    private static String entry(String title) {
        return "---\ntitle: \"" + title + "\"\nquestions: [\"" + title.toLowerCase() + "\"]\n---\nThe answer to: " + title + "\n";
    }

    private static Set<String> ids(KnowledgeBase kb, String language) {
        Set<String> ids = new TreeSet<>();
        kb.entries(language).forEach(e -> ids.add(e.id()));
        return ids;
    }

    @Test
    void loads_one_folder_per_language() throws IOException {
        write("en/track-order.md", entry("How can I track my order?"));
        write("en/refund-time.md", entry("When do I get my money back?"));
        write("de/track-order.md", entry("Wie kann ich meine Bestellung verfolgen?"));

        KnowledgeBaseLoader.Result result = loader.load(root);

        assertTrue(result.problems().isEmpty(), result.problems()::toString);
        assertTrue(result.valid());
        KnowledgeBase kb = result.knowledgeBase();
        assertEquals(Set.of("en", "de"), kb.languages());
        assertEquals(3, kb.size());
        assertEquals(Set.of("track-order", "refund-time"), ids(kb, "en"));
        assertEquals("Wie kann ich meine Bestellung verfolgen?", kb.entry("de", "track-order").orElseThrow().title());
        assertEquals("de", kb.entry("de", "track-order").orElseThrow().language());
    }

    @Test
    void canonicalises_language_folder_names() throws IOException {
        write("pt-br/track-order.md", entry("Como rastrear meu pedido?"));
        write("zh_Hant/track-order.md", entry("如何追蹤我的訂單？"));

        KnowledgeBaseLoader.Result result = loader.load(root);

        assertTrue(result.valid(), result.problems()::toString);
        assertEquals(Set.of("pt-BR", "zh-Hant"), result.knowledgeBase().languages());
    }

    @Test
    void reports_a_duplicate_id_within_a_language_with_both_files() throws IOException {
        Path first = write("en/a-track.md", "---\nid: track-order\ntitle: How can I track my order?\n---\nIn My orders.\n");
        Path second = write("en/b-track.md", "---\ntitle: Where is my parcel?\nid: track-order\n---\nIn My orders.\n");

        KnowledgeBaseLoader.Result result = loader.load(root);

        assertEquals(1, result.errors().size(), result.problems()::toString);
        Problem p = result.errors().get(0);
        assertEquals(second, p.file());
        assertEquals(3, p.line(), "the line of the second file's id");
        assertTrue(p.message().startsWith("duplicate id 'track-order' in language en"), p.message());
        assertTrue(p.message().contains(first.toString()), p.message());
    }

    @Test
    void the_same_id_in_two_languages_is_not_a_duplicate() throws IOException {
        write("en/track-order.md", entry("How can I track my order?"));
        write("fr/track-order.md", entry("Comment suivre ma commande ?"));

        assertTrue(loader.load(root).problems().isEmpty());
    }

    @Test
    void reports_a_folder_that_is_not_a_language_tag() throws IOException {
        write("en/track-order.md", entry("How can I track my order?"));
        write("english/refund-time.md", entry("When do I get my money back?"));

        KnowledgeBaseLoader.Result result = loader.load(root);

        assertEquals(1, result.errors().size(), result.problems()::toString);
        Problem p = result.errors().get(0);
        assertEquals(root.resolve("english"), p.file());
        assertTrue(p.message().startsWith("unknown language folder 'english'"), p.message());
        assertEquals(Set.of("en"), result.knowledgeBase().languages());
    }

    @Test
    void reports_every_broken_file_of_the_folder_at_once() throws IOException {
        write("en/track-order.md", entry("How can I track my order?"));
        Path noFrontMatter = write("en/no-front-matter.md", "title: oops\n\nbody\n");
        Path noTitle = write("de/no-title.md", "---\nquestions: [a]\n---\nbody\n");
        Path noAnswer = write("fr/no-answer.md", "---\ntitle: Vide\n---\n");
        Path badHandoff = write("fr/bad-handoff.md", "---\ntitle: Plainte\nhandoff: \"oui\"\n---\nbody\n");

        KnowledgeBaseLoader.Result result = loader.load(root);

        assertFalse(result.valid());
        assertEquals(Set.of(noFrontMatter, noTitle, noAnswer, badHandoff),
                Set.copyOf(result.errors().stream().map(Problem::file).toList()), result.problems()::toString);
        assertEquals(4, result.errors().size());
        assertTrue(result.errors().stream().allMatch(p -> p.line() > 0), "every error has a line: " + result.errors());
        assertEquals(1, result.knowledgeBase().size(), "the valid file still loads");
    }

    @Test
    void an_unknown_front_matter_key_leaves_the_base_valid_with_a_warning() throws IOException {
        Path file = write("en/track-order.md", "---\ntitle: How can I track my order?\npriority: high\n---\nIn My orders.\n");

        KnowledgeBaseLoader.Result result = loader.load(root);

        assertTrue(result.valid());
        assertEquals(1, result.warnings().size(), result.problems()::toString);
        assertEquals(file, result.warnings().get(0).file());
        assertEquals(1, result.knowledgeBase().size());
    }

    @Test
    void a_flat_folder_of_markdown_files_is_a_base_in_the_given_language() throws IOException {
        write("track-order.md", entry("Wie kann ich meine Bestellung verfolgen?"));
        write("refund-time.md", entry("Wann bekomme ich mein Geld zurück?"));
        write("README.md", "# How to edit this base\n");

        KnowledgeBaseLoader.Result result = new KnowledgeBaseLoader("de").load(root);

        assertTrue(result.problems().isEmpty(), result.problems()::toString);
        assertEquals(Set.of("de"), result.knowledgeBase().languages());
        assertEquals(Set.of("track-order", "refund-time"), ids(result.knowledgeBase(), "de"));
    }

    @Test
    void a_flat_folder_with_a_tests_folder_is_still_a_flat_base() throws IOException {
        write("track-order.md", entry("Wie kann ich meine Bestellung verfolgen?"));
        write("tests/cases.jsonl", "{\"text\": \"Wo ist mein Paket?\", \"expect\": \"track-order\"}\n");

        KnowledgeBaseLoader.Result result = new KnowledgeBaseLoader("de").load(root);

        assertTrue(result.valid(), result.problems()::toString);
        assertEquals(Set.of("track-order"), ids(result.knowledgeBase(), "de"));
    }

    @Test
    void ignores_the_tests_folder_and_readme_files() throws IOException {
        write("en/track-order.md", entry("How can I track my order?"));
        write("en/README.md", "# English answers\nno front matter here\n");
        write("README.md", "# The knowledge base\n");
        write("tests/cases.md", "not an answer, no front matter\n");
        write(".drafts/idea.md", "not an answer either\n");

        KnowledgeBaseLoader.Result result = loader.load(root);

        assertTrue(result.problems().isEmpty(), result.problems()::toString);
        assertEquals(Set.of("en"), result.knowledgeBase().languages());
        assertEquals(1, result.knowledgeBase().size());
    }

    @Test
    void warns_about_a_file_that_is_not_markdown() throws IOException {
        write("en/track-order.md", entry("How can I track my order?"));
        Path notes = write("en/notes.txt", "to do\n");

        KnowledgeBaseLoader.Result result = loader.load(root);

        assertTrue(result.valid());
        assertEquals(List.of(notes), result.warnings().stream().map(Problem::file).toList());
    }

    @Test
    void reports_an_answer_beside_the_language_folders() throws IOException {
        write("en/track-order.md", entry("How can I track my order?"));
        Path stray = write("refund-time.md", entry("When do I get my money back?"));

        KnowledgeBaseLoader.Result result = loader.load(root);

        assertEquals(List.of(stray), result.errors().stream().map(Problem::file).toList());
        assertTrue(result.errors().get(0).message().startsWith("answer outside a language folder"));
    }

    @Test
    void reports_a_missing_folder() {
        KnowledgeBaseLoader.Result result = loader.load(root.resolve("nowhere"));

        assertFalse(result.valid());
        assertEquals("knowledge-base folder does not exist", result.errors().get(0).message());
    }

    @Test
    void reports_an_empty_base() {
        KnowledgeBaseLoader.Result result = loader.load(root);

        assertFalse(result.valid());
        assertTrue(result.errors().get(0).message().startsWith("the knowledge base has no answers"));
    }

    @Test
    void reads_a_file_with_a_byte_order_mark() throws IOException {
        write("en/track-order.md", "\uFEFF" + entry("How can I track my order?"));

        KnowledgeBaseLoader.Result result = loader.load(root);

        assertTrue(result.valid(), result.problems()::toString);
        assertEquals("How can I track my order?", result.knowledgeBase().entry("en", "track-order").orElseThrow().title());
    }

    @Test
    void reports_a_file_that_is_not_utf_8() throws IOException {
        Path file = root.resolve("fr/remboursement.md");
        Files.createDirectories(file.getParent());
        Files.write(file, "---\ntitle: Délai de remboursement\n---\nTrois jours.\n".getBytes(StandardCharsets.ISO_8859_1));

        KnowledgeBaseLoader.Result result = loader.load(root);

        assertEquals(1, result.errors().size(), result.problems()::toString);
        assertEquals(file, result.errors().get(0).file());
        assertTrue(result.errors().get(0).message().startsWith("not UTF-8"));
    }

    @Test
    void an_invalid_base_is_refused_with_every_error_in_the_message() throws IOException {
        write("en/one.md", "no front matter\n");
        write("en/two.md", "---\ntitle: Two\n---\n");

        InvalidKnowledgeBaseException e = assertThrows(InvalidKnowledgeBaseException.class,
                () -> Wiring.knowledgeBase(root, "en"));

        assertEquals(2, e.errors().size());
        assertTrue(e.getMessage().startsWith("The knowledge base has 2 error(s)"), e.getMessage());
        assertTrue(e.getMessage().contains("one.md:1: error") && e.getMessage().contains("two.md:4: error"), e.getMessage());
    }
}
