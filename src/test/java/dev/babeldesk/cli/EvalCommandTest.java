package dev.babeldesk.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The evaluation command on a small fixture whose right answers are known. */
class EvalCommandTest {
    private static final String KB = "src/test/resources/eval-fixture/kb";
    private static final String CASES = "src/test/resources/eval-fixture/cases.jsonl";

    private record Run(int exitCode, String out) {}

    private static Run run(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
            int code = new CommandLine(new Main()).execute(args);
            return new Run(code, buffer.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(original);
        }
    }

    @Test
    void json_output_has_one_record_per_case_with_the_decision_and_its_evidence() throws Exception {
        Run run = run("eval", "--kb", KB, "--cases", CASES, "--json", "--group-by", "group");
        assertEquals(0, run.exitCode(), run.out());
        JsonNode report = new ObjectMapper().readTree(run.out()).get("report");
        JsonNode cases = report.get("cases");
        assertEquals(6, cases.size());
        Map<String, JsonNode> byId = new HashMap<>();
        cases.forEach(c -> byId.put(c.get("id").asText(), c));

        assertEquals("answer", byId.get("c1").get("decision").asText());
        assertEquals("return-window", byId.get("c1").get("chosen").asText());
        assertEquals("ANSWERED_RIGHT", byId.get("c1").get("outcome").asText());
        assertEquals("track-order", byId.get("c2").get("chosen").asText());
        assertEquals("payment-methods", byId.get("c3").get("top").get(0).asText());

        assertEquals("handoff", byId.get("c4").get("decision").asText());
        assertEquals("explicit_request", byId.get("c4").get("handoffReason").asText());
        assertEquals("HANDED_OFF_RIGHT", byId.get("c4").get("outcome").asText());

        assertEquals("handoff", byId.get("c5").get("decision").asText());
        assertEquals("low_confidence", byId.get("c5").get("handoffReason").asText());

        // the mislabelled case: the bot answers payment-methods, which the label calls wrong
        assertEquals("ANSWERED_WRONG", byId.get("c6").get("outcome").asText());

        for (JsonNode c : cases) {
            assertEquals("en", c.get("detectedLanguage").asText());
            assertTrue(c.get("latencyMs").asDouble() >= 0);
            assertTrue(c.get("confidence").asDouble() >= 0 && c.get("confidence").asDouble() <= 1);
        }
        JsonNode overall = report.get("overall");
        assertEquals(6, overall.get("cases").asInt());
        assertEquals(4, overall.get("inScope").asInt());
        assertEquals(3 / 4.0, overall.get("answeredRight").asDouble(), 1e-9);
        assertEquals(1 / 4.0, overall.get("answeredWrong").asDouble(), 1e-9);
        assertEquals(1.0, overall.get("handoffRecall").asDouble(), 1e-9);
        assertEquals(1.0, overall.get("handoffPrecision").asDouble(), 1e-9);
        assertEquals(1, report.at("/byGroup/group/mislabelled/cases").asInt());
    }

    @Test
    void the_text_report_names_the_figures_editors_look_for() {
        Run run = run("eval", "--kb", KB, "--cases", CASES);
        assertEquals(0, run.exitCode());
        for (String label : new String[] {"top-1 accuracy", "top-3 recall", "answered WRONG", "precision", "recall", "F1",
                "p50", "p99", "per language"}) {
            assertTrue(run.out().contains(label), label + " missing in\n" + run.out());
        }
    }

    @Test
    void the_sweep_finds_thresholds_within_each_limit_on_wrong_answers_and_replays_the_configured_ones_exactly() throws Exception {
        Run run = run("eval", "--kb", KB, "--cases", CASES, "--json", "--sweep");
        assertEquals(0, run.exitCode(), run.out());
        JsonNode root = new ObjectMapper().readTree(run.out());
        JsonNode sweep = root.get("sweep");
        JsonNode overall = root.at("/report/overall");

        // The configured thresholds, decided again on the stored assessments, give the report's own figures.
        JsonNode configured = sweep.at("/configured/metrics");
        for (String figure : new String[] {"answeredRight", "answeredWrong", "clarified", "resolved", "handoffRecall"}) {
            assertEquals(overall.get(figure).asDouble(), configured.get(figure).asDouble(), 1e-9, figure);
        }
        assertEquals(0.25, overall.get("answeredWrong").asDouble(), 1e-9, "the mislabelled twin is answered");

        // "can I pay with paypal" is in the cases twice with two labels: answering it is wrong for one
        // in four in-scope cases, above every limit, so no pair within a limit answers it.
        JsonNode limits = sweep.get("mostRight");
        assertEquals(6, limits.size());
        for (JsonNode limit : limits) {
            JsonNode best = limit.at("/best/metrics");
            assertFalse(best.isMissingNode(), "answering nothing is always within the limit");
            assertTrue(best.get("answeredWrong").asDouble() <= limit.get("maxWrong").asDouble());
            assertTrue(best.get("answeredRight").asDouble() <= 0.5, limit.toString());
        }
        assertEquals(46, sweep.get("handoff").size(), "hand-off thresholds 0.05 to 0.50");
        assertEquals(overall.get("rightDecision").asDouble(), sweep.at("/byLanguage/en/configured/rightDecision").asDouble(), 1e-9);
        assertTrue(sweep.at("/byLanguage/en/best/metrics/rightDecision").asDouble() >= overall.get("rightDecision").asDouble(),
                "the best hand-off threshold is at least as good as the configured one");
    }

    @Test
    void the_sweep_is_printed_under_the_report() {
        Run run = run("eval", "--kb", KB, "--cases", CASES, "--sweep");
        assertEquals(0, run.exitCode());
        assertTrue(run.out().contains("thresholds chosen on these cases' own labels"), run.out());
        assertTrue(run.out().contains("configured"), run.out());
        assertTrue(run.out().contains("hand-off threshold"), run.out());
    }

    @Test
    void an_unmet_minimum_makes_the_command_exit_non_zero() {
        assertEquals(1, run("eval", "--kb", KB, "--cases", CASES, "--max-wrong", "0.0").exitCode());
        assertEquals(0, run("eval", "--kb", KB, "--cases", CASES, "--min-handoff-recall", "1.0").exitCode());
    }

    @Test
    void a_malformed_case_line_is_reported_with_its_line_number(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path cases = dir.resolve("cases.jsonl");
        java.nio.file.Files.writeString(cases, "{\"text\": \"hi\", \"expect\": \"handoff\"}\n{not json\n");
        PrintStream originalErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            code = new CommandLine(new Main()).setExecutionExceptionHandler((e, cmd, parsed) -> {
                cmd.getErr().println(e.getMessage());
                return 2;
            }).execute("eval", "--kb", KB, "--cases", cases.toString());
        } finally {
            System.setErr(originalErr);
        }
        assertEquals(2, code);
        assertFalse(err.toString(StandardCharsets.UTF_8).isEmpty());
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("cases.jsonl:2"), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void with_learned_the_phrasings_admins_approved_in_the_servers_database_are_evaluated_too(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path database = dir.resolve("server.db");
        javax.sql.DataSource ds = dev.babeldesk.storage.Database.open(database.toString());
        new dev.babeldesk.storage.JdbcLearningStore(ds).decide(new dev.babeldesk.learning.LearnedPhrasing(
                java.util.UUID.randomUUID().toString(), "en", "track-order", "is my stuff on its way", true, "Ada",
                java.time.Instant.now()));
        dev.babeldesk.storage.Database.close(ds);
        java.nio.file.Path config = dir.resolve("babeldesk.yaml");
        java.nio.file.Files.writeString(config, "storage:\n  database: " + database + "\n");
        java.nio.file.Path cases = dir.resolve("cases.jsonl");
        java.nio.file.Files.writeString(cases, "{\"id\": \"l\", \"text\": \"is my stuff on its way\", \"expect\": \"track-order\"}\n");

        JsonNode files = new ObjectMapper().readTree(run("eval", "--config", config.toString(), "--kb", KB,
                "--cases", cases.toString(), "--json").out());
        assertFalse(files.has("learnedPhrasings"));
        assertEquals("handoff", files.at("/report/cases/0/decision").asText(), "the files alone do not cover it");

        JsonNode learned = new ObjectMapper().readTree(run("eval", "--config", config.toString(), "--kb", KB,
                "--cases", cases.toString(), "--json", "--with-learned").out());
        assertEquals(1, learned.get("learnedPhrasings").asInt());
        assertEquals("answer", learned.at("/report/cases/0/decision").asText());
        assertEquals("track-order", learned.at("/report/cases/0/chosen").asText());
    }

    @Test
    void with_learned_and_no_database_there_says_so_instead_of_creating_one(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path config = dir.resolve("babeldesk.yaml");
        java.nio.file.Files.writeString(config, "storage:\n  database: " + dir.resolve("none.db") + "\n");
        java.io.StringWriter err = new java.io.StringWriter();
        int code = new CommandLine(new Main()).setErr(new java.io.PrintWriter(err)).setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println(e.getMessage());
            return 2;
        }).execute("eval", "--config", config.toString(), "--kb", KB, "--cases", CASES, "--with-learned");
        assertEquals(2, code);
        assertTrue(err.toString().contains("no database at"), err.toString());
        assertFalse(java.nio.file.Files.exists(dir.resolve("none.db")));
    }
}
