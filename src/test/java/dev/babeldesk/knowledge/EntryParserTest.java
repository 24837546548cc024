package dev.babeldesk.knowledge;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EntryParserTest {
    private static final Path FILE = Path.of("kb", "en", "track-order.md");

    private final EntryParser parser = new EntryParser(new MarkdownRenderer());
    private final List<Problem> problems = new ArrayList<>();

    private Optional<Entry> parse(String text) {
        return parser.parse(FILE, "en", text, problems);
    }

    private List<Problem> errors() {
        return problems.stream().filter(p -> p.severity() == Problem.Severity.ERROR).toList();
    }

    /** Parsing failed with exactly one error, which is returned. */
    private Problem onlyError(Optional<Entry> result) {
        assertTrue(result.isEmpty(), "a file with errors gives no entry");
        assertEquals(1, problems.size(), problems::toString);
        Problem p = problems.get(0);
        assertEquals(Problem.Severity.ERROR, p.severity());
        assertEquals(FILE, p.file());
        return p;
    }

    @Test
    void parses_a_valid_file_with_the_id_taken_from_the_file_name() {
        Entry entry = parse("""
                ---
                title: "How can I track my order?"
                questions:
                  - "Where is my parcel?"
                  - tracking link?
                tags: [orders, tracking]
                handoff: false
                ---
                Open **My orders** to see the tracking link.
                """).orElseThrow();

        assertTrue(problems.isEmpty(), problems::toString);
        assertAll(
                () -> assertEquals("track-order", entry.id()),
                () -> assertEquals("en", entry.language()),
                () -> assertEquals("How can I track my order?", entry.title()),
                () -> assertEquals(List.of("Where is my parcel?", "tracking link?"), entry.questions()),
                () -> assertEquals(List.of("orders", "tracking"), entry.tags()),
                () -> assertFalse(entry.handoff()),
                () -> assertEquals("Open **My orders** to see the tracking link.", entry.markdown()),
                () -> assertEquals("<p>Open <strong>My orders</strong> to see the tracking link.</p>", entry.html()),
                () -> assertEquals(FILE, entry.source()));
    }

    @Test
    void an_id_in_the_front_matter_wins_over_the_file_name() {
        Entry entry = parse("---\nid: where-is-my-order\ntitle: Where is my order?\n---\nIn My orders.\n").orElseThrow();

        assertEquals("where-is-my-order", entry.id());
    }

    @Test
    void reads_handoff_true_and_defaults_optional_keys() {
        Entry entry = parse("---\ntitle: I want to make a complaint\nhandoff: true\n---\nA person will reply.\n").orElseThrow();

        assertTrue(entry.handoff());
        assertEquals(List.of(), entry.questions());
        assertEquals(List.of(), entry.tags());
    }

    @Test
    void accepts_windows_line_endings() {
        Entry entry = parse("---\r\ntitle: Where is my order?\r\nquestions: [\"tracking?\"]\r\n---\r\nIn My orders.\r\n").orElseThrow();

        assertEquals("Where is my order?", entry.title());
        assertEquals(List.of("tracking?"), entry.questions());
        assertEquals("In My orders.", entry.markdown());
    }

    @Test
    void reports_missing_front_matter_on_line_one() {
        Problem p = onlyError(parse("title: Where is my order?\n\nIn My orders.\n"));

        assertEquals(1, p.line());
        assertTrue(p.message().startsWith("missing front matter"), p.message());
    }

    @Test
    void reports_unclosed_front_matter_on_line_one() {
        Problem p = onlyError(parse("---\ntitle: Where is my order?\nquestions: [\"tracking?\"]\nIn My orders.\n"));

        assertEquals(1, p.line());
        assertTrue(p.message().startsWith("front matter is not closed"), p.message());
    }

    @Test
    void reports_malformed_yaml_on_the_line_of_the_file_where_it_is() {
        // line 3 of the file is line 2 of the front matter
        Problem p = onlyError(parse("---\ntitle: Where is my order?\n  bad: : value\n---\nIn My orders.\n"));

        assertEquals(3, p.line());
        assertTrue(p.message().startsWith("malformed front matter"), p.message());
    }

    @Test
    void the_line_of_an_unclosed_yaml_list_points_into_the_front_matter() {
        String text = """
                ---
                title: Where is my order?
                questions: [tracking, parcel
                handoff: false
                ---
                In My orders.
                """;
        Problem p = onlyError(parse(text));

        // the parser notices the missing ']' on the next key: somewhere between the two '---' lines
        assertTrue(p.line() >= 2 && p.line() <= 4, "line " + p.line() + " is not inside the front matter");
        assertTrue(p.toString().startsWith(FILE + ":" + p.line() + ": error: malformed front matter"), p.toString());
    }

    @Test
    void reports_a_missing_title_with_the_file_and_line() {
        Problem p = onlyError(parse("---\nquestions: [\"tracking?\"]\n---\nIn My orders.\n"));

        assertEquals(1, p.line());
        assertTrue(p.message().startsWith("missing title"), p.message());
    }

    @Test
    void reports_an_empty_title_on_its_line() {
        Problem p = onlyError(parse("---\nquestions: [\"tracking?\"]\ntitle: \"  \"\n---\nIn My orders.\n"));

        assertEquals(3, p.line());
        assertEquals("title is empty", p.message());
    }

    @Test
    void reports_a_title_key_without_a_value_as_an_error() {
        Problem p = onlyError(parse("---\ntitle:\nquestions: [\"tracking?\"]\n---\nIn My orders.\n"));

        assertEquals(2, p.line());
    }

    @Test
    void reports_a_title_that_is_a_list() {
        Problem p = onlyError(parse("---\ntitle: [a, b]\n---\nIn My orders.\n"));

        assertEquals(2, p.line());
        assertEquals("title must be a single line of text", p.message());
    }

    @Test
    void reports_an_empty_answer_on_the_line_after_the_front_matter() {
        Problem p = onlyError(parse("---\ntitle: Where is my order?\n---\n\n   \n"));

        assertEquals(4, p.line());
        assertTrue(p.message().startsWith("empty answer"), p.message());
    }

    @Test
    void reports_questions_that_are_not_a_list() {
        Problem p = onlyError(parse("---\ntitle: Where is my order?\nquestions:\n  where: is it\n---\nIn My orders.\n"));

        assertEquals(3, p.line());
        assertTrue(p.message().startsWith("questions must be a list"), p.message());
    }

    @Test
    void reports_a_list_of_questions_with_an_empty_item() {
        Problem p = onlyError(parse("---\ntitle: Where is my order?\nquestions: [\"tracking?\", \"\"]\n---\nIn My orders.\n"));

        assertEquals(3, p.line());
        assertEquals("questions must be a list of non-empty texts", p.message());
    }

    @Test
    void a_single_question_written_as_text_is_a_list_of_one() {
        Entry entry = parse("---\ntitle: Where is my order?\nquestions: tracking link?\n---\nIn My orders.\n").orElseThrow();

        assertEquals(List.of("tracking link?"), entry.questions());
    }

    @Test
    void reports_tags_that_are_not_a_list() {
        Problem p = onlyError(parse("---\ntitle: Where is my order?\ntags: {kind: orders}\n---\nIn My orders.\n"));

        assertEquals(3, p.line());
        assertTrue(p.message().startsWith("tags must be a list"), p.message());
    }

    @Test
    void reports_a_handoff_that_is_a_quoted_string() {
        Problem p = onlyError(parse("---\ntitle: I want to complain\nhandoff: \"yes\"\n---\nA person will reply.\n"));

        assertEquals(3, p.line());
        assertEquals("handoff must be true or false", p.message());
    }

    @Test
    void reports_a_handoff_that_is_neither_true_nor_false() {
        Problem p = onlyError(parse("---\ntitle: I want to complain\nhandoff: maybe\n---\nA person will reply.\n"));

        assertEquals("handoff must be true or false", p.message());
    }

    @Test
    void an_unquoted_yes_is_read_as_true_as_in_yaml_1_1() {
        // The YAML parser follows YAML 1.1, where an unquoted yes/no is a boolean; documented here so
        // that a change of parser (YAML 1.2 reads it as a string and the file would be rejected) shows up.
        Entry entry = parse("---\ntitle: I want to complain\nhandoff: yes\n---\nA person will reply.\n").orElseThrow();

        assertTrue(entry.handoff());
        assertTrue(problems.isEmpty(), problems::toString);
    }

    @Test
    void reports_an_id_with_characters_outside_the_allowed_set() {
        Problem p = onlyError(parse("---\nid: where is/my order\ntitle: Where is my order?\n---\nIn My orders.\n"));

        assertEquals(2, p.line());
        assertTrue(p.message().contains("'where is/my order'"), p.message());
    }

    @Test
    void an_unknown_front_matter_key_is_a_warning_not_an_error() {
        Optional<Entry> entry = parse("---\ntitle: Where is my order?\ncategory: orders\n---\nIn My orders.\n");

        assertTrue(entry.isPresent(), "the entry is still loaded");
        assertEquals(1, problems.size(), problems::toString);
        Problem p = problems.get(0);
        assertEquals(Problem.Severity.WARNING, p.severity());
        assertEquals(3, p.line());
        assertTrue(p.message().contains("'category'"), p.message());
    }

    @Test
    void reports_every_error_of_a_file_at_once() {
        Optional<Entry> entry = parse("""
                ---
                title: ""
                questions: {where: is it}
                handoff: maybe
                ---

                """);

        assertTrue(entry.isEmpty());
        assertEquals(List.of(2, 3, 4, 6), errors().stream().map(Problem::line).toList(), problems::toString);
        assertEquals(List.of("title is empty", "questions must be a list", "handoff must be true or false", "empty answer"),
                errors().stream().map(p -> p.message().replaceFirst("[,:].*", "")).toList());
    }

    @Test
    void a_problem_reads_as_file_line_severity_and_message() {
        Problem p = onlyError(parse("no front matter\n"));

        assertEquals(FILE + ":1: error: " + p.message(), p.toString());
    }
}
