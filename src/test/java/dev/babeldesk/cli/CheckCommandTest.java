package dev.babeldesk.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The check command editors run before publishing. */
class CheckCommandTest {

    private record Run(int exitCode, String out) {}

    private static Run check(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
            String[] all = new String[args.length + 1];
            all[0] = "check";
            System.arraycopy(args, 0, all, 1, args.length);
            return new Run(new CommandLine(new Main()).execute(all), buffer.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(original);
        }
    }

    private static void write(Path file, String text) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    @Test
    void the_bundled_knowledge_base_passes_its_checks_and_its_regression_cases() {
        Run run = check("--kb", "knowledge-base");
        assertEquals(0, run.exitCode(), run.out());
        assertTrue(!run.out().contains("no example questions"), run.out());
        assertTrue(run.out().contains("22 regression case(s); 0 error(s)"), run.out());
    }

    @Test
    void lint_findings_are_listed_with_errors_apart_from_warnings(@TempDir Path kb) throws Exception {
        write(kb.resolve("en/returns.md"), "---\ntitle: How long do I have to return an item?\nquestions:\n"
                + "  - Can I return my jacket after two weeks?\nowner: anna\n---\n"
                + "Within 30 days. See [the policy](policy.md) and [your account](/account).\n");
        write(kb.resolve("en/exchange.md"), "---\ntitle: Can I exchange an item?\nquestions:\n"
                + "  - Can I return my jacket after two weeks?\n---\nYes, for free, within 30 days of delivery.\n");
        write(kb.resolve("en/tiny.md"), "---\ntitle: Do you ship to Mars?\n---\nNo.\n");
        write(kb.resolve("de/returns.md"), "---\ntitle: Wie lange kann ich zurückgeben?\n---\nInnerhalb von 30 Tagen ab Lieferung.\n");

        Run run = check("--kb", kb.toString(), "--no-cases");
        assertEquals(1, run.exitCode(), run.out());
        String errors = run.out().substring(run.out().indexOf("Errors:"), run.out().indexOf("Warnings:"));
        String warnings = run.out().substring(run.out().indexOf("Warnings:"));
        assertTrue(errors.contains("returns.md:7: error: broken relative link 'policy.md'"), errors);
        assertTrue(!errors.contains("/account"), "site paths are not checked: " + errors);
        assertTrue(warnings.contains("'exchange' has no translation in [de]"), warnings);
        assertTrue(warnings.contains("nearly the same as \"Can I return my jacket after two weeks?\""), warnings);
        assertTrue(warnings.contains("tiny.md: warning: very short answer"), warnings);
        assertTrue(warnings.contains("tiny.md: warning: 'tiny' has no example questions"), warnings);
        assertTrue(!warnings.contains("'exchange' has no example questions"), warnings);
        assertTrue(warnings.contains("unknown front-matter key 'owner'"), warnings);
    }

    @Test
    void a_language_whose_scope_is_blind_is_a_warning_naming_the_fix(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("babeldesk.yaml");
        Files.writeString(config, "retrieval:\n  embedding-models:\n    \"*\": none\n");

        Run blind = check("--kb", "src/test/resources/title-only-fixture", "--config", config.toString());
        Run skipped = check("--kb", "src/test/resources/title-only-fixture", "--config", config.toString(), "--no-cases");
        Run withModel = check("--kb", "src/test/resources/title-only-fixture");

        assertEquals(0, blind.exitCode(), "a warning, not an error: " + blind.out());
        assertTrue(blind.out().contains("title-only-fixture/en: warning: the bot cannot tell which questions these answers cover"),
                blind.out());
        assertTrue(blind.out().contains("add example questions (questions:)"), blind.out());
        assertTrue(!skipped.out().contains("cannot tell"), "--no-cases loads no model: " + skipped.out());
        assertTrue(!withModel.out().contains("cannot tell"), "with the default embedding model: " + withModel.out());
    }

    @Test
    void a_failing_regression_case_is_an_error_naming_the_case(@TempDir Path kb) throws Exception {
        write(kb.resolve("en/returns.md"), "---\ntitle: How long do I have to return an item?\nquestions:\n"
                + "  - How many days can I send something back?\n---\nYou can return items within 30 days of delivery.\n");
        write(kb.resolve("en/payment.md"), "---\ntitle: Which payment methods do you accept?\nquestions:\n"
                + "  - Can I pay with PayPal?\n---\nWe accept cards, PayPal and Apple Pay.\n");
        write(kb.resolve("tests/cases.jsonl"),
                "{\"id\": \"ok\", \"text\": \"Can I pay with PayPal?\", \"expect\": \"payment\"}\n"
                        + "{\"id\": \"wrong\", \"text\": \"Can I pay with PayPal?\", \"expect\": \"returns\"}\n");
        Run run = check("--kb", kb.toString());
        assertEquals(1, run.exitCode(), run.out());
        assertTrue(run.out().contains("case wrong \"Can I pay with PayPal?\": expected returns"), run.out());
        assertTrue(!run.out().contains("case ok "), run.out());
        assertTrue(run.out().contains("2 regression case(s); 1 error(s)"), run.out());
    }
}
