package dev.babeldesk.check;

import dev.babeldesk.answering.AnswerEngine;
import dev.babeldesk.eval.CaseResult;
import dev.babeldesk.eval.EvalCases;
import dev.babeldesk.eval.EvalRunner;
import dev.babeldesk.knowledge.KnowledgeBase;
import dev.babeldesk.knowledge.Problem;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * An editor's own regression cases, {@code <base>/tests/*.jsonl} in the evaluation command's
 * format, run through the live decision path: every case must get the right decision (its entry,
 * directly or among the choices, or a hand-off).
 */
public final class RegressionCases {
    private RegressionCases() {}

    public static List<Path> files(Path knowledgeBase) throws IOException {
        Path folder = knowledgeBase.resolve("tests");
        if (!Files.isDirectory(folder)) return List.of();
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jsonl")).sorted().toList();
        }
    }

    /** One error per failing case; a malformed file is one error too. */
    public static List<Problem> run(Path file, AnswerEngine engine, KnowledgeBase kb) {
        List<Problem> out = new ArrayList<>();
        List<CaseResult> results;
        try {
            results = new EvalRunner(engine, kb).run(EvalCases.read(file));
        } catch (IOException e) {
            out.add(Problem.error(file, 0, e.getMessage()));
            return out;
        }
        for (CaseResult r : results) {
            if (r.outcome().right()) continue;
            String got = switch (r.decision()) {
                case "answer" -> "answered with '" + r.chosen() + "'";
                case "clarify" -> "offered " + r.choices();
                default -> "handed off (" + r.handoffReason() + ")";
            };
            out.add(Problem.error(file, 0, "case " + r.id() + " \"" + r.text() + "\": expected " + r.expect() + ", " + got
                    + String.format(java.util.Locale.ROOT, " (confidence %.2f)", r.confidence())));
        }
        return out;
    }
}
