package dev.babeldesk.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.babeldesk.Wiring;
import dev.babeldesk.answering.AnswerEngine;
import dev.babeldesk.config.Config;
import dev.babeldesk.eval.EvalCase;
import dev.babeldesk.eval.EvalCases;
import dev.babeldesk.eval.EvalReport;
import dev.babeldesk.eval.EvalRunner;
import dev.babeldesk.eval.Metrics;
import dev.babeldesk.eval.PickSimulation;
import dev.babeldesk.eval.ThresholdSweep;
import dev.babeldesk.knowledge.KnowledgeBase;
import dev.babeldesk.learning.LearningService;
import dev.babeldesk.storage.Database;
import dev.babeldesk.storage.JdbcLearningStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "eval", description = "Run labelled questions through the live decision path and print quality figures.")
final class EvalCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Option(names = "--kb", paramLabel = "DIR", description = "Knowledge-base folder (default: knowledge.path)")
    Path knowledgeBase;

    @Option(names = "--cases", paramLabel = "FILE", required = true,
            description = "JSON Lines: {\"text\": ..., \"lang\": ..., \"expect\": \"<entry id>\" | \"handoff\"}")
    Path cases;

    @Option(names = "--json", description = "Print the figures and one record per case as JSON")
    boolean json;

    @Option(names = "--group-by", paramLabel = "FIELD", split = ",", description = "Also break figures down by these case fields")
    List<String> groupBy = new ArrayList<>();

    @Option(names = "--answer-threshold", description = "Overrides answering.answer-threshold")
    Double answerThreshold;

    @Option(names = "--answer-scope-threshold", description = "Overrides answering.answer-scope-threshold")
    Double answerScopeThreshold;

    @Option(names = "--handoff-threshold", description = "Overrides answering.handoff-threshold")
    Double handoffThreshold;

    @Option(names = "--sweep", description = "Also decide every case at a grid of thresholds and print, per limit on wrong answers, "
            + "the thresholds that answer the most questions right, and the figures along the hand-off threshold "
            + "(chosen on these cases' labels: an upper bound here, a way to choose thresholds on a shop's own labelled questions)")
    boolean sweep;

    @Option(names = "--learn-from-picks", description = "Simulate learning from shoppers' picks, in two folds: half of each "
            + "entry's in-scope cases stand for past traffic, whose questions the bot offered choices for (with the right one "
            + "among them) become learned phrasings, and the other half is scored; every case is scored once after learning "
            + "(the hand-off cases in the first fold) and compared with a plain run")
    boolean learnFromPicks;

    @Option(names = "--with-learned", description = "Also use the phrasings admins approved from shoppers' picks, read "
            + "from storage.database, as the running server does (without it, the files alone are evaluated)")
    boolean withLearned;

    @Option(names = "--min-top1", description = "Exit 1 when top-1 accuracy is below this")
    Double minTop1;

    @Option(names = "--min-resolved", description = "Exit 1 when the resolved rate is below this")
    Double minResolved;

    @Option(names = "--min-right", description = "Exit 1 when the right-decision rate is below this")
    Double minRight;

    @Option(names = "--min-handoff-recall", description = "Exit 1 when hand-off recall is below this")
    Double minHandoffRecall;

    @Option(names = "--max-wrong", description = "Exit 1 when the rate of wrong answers (all cases) is above this")
    Double maxWrong;

    @Override
    public Integer call() throws Exception {
        Config c = withThresholds(config.load());
        if (withLearned && learnFromPicks) {
            throw new IllegalArgumentException("--with-learned and --learn-from-picks do not go together: the simulation learns its own phrasings");
        }
        KnowledgeBase files = Wiring.knowledgeBase(folder(c), c.defaultLanguage());
        Map<String, Map<String, List<String>>> learned = withLearned ? learnedPhrasings(c) : Map.of();
        KnowledgeBase kb = withLearned ? files.withLearned(learned) : files;
        AnswerEngine engine = Wiring.answerEngine(kb, c);
        EvalRunner runner = new EvalRunner(engine, kb);
        List<EvalCase> questions = EvalCases.read(cases);
        if (learnFromPicks) return learnFromPicks(c, kb, runner, questions);
        EvalRunner.Run run = runner.assessAndDecide(questions);
        EvalReport report = EvalReport.of(run.results(), groupBy);
        ThresholdSweep thresholds = sweep ? ThresholdSweep.run(runner, questions, run, engine.policy()) : null;
        if (json) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("knowledgeBase", String.valueOf(folder(c)));
            out.put("answerThreshold", c.answerThreshold());
            out.put("answerScopeThreshold", c.answerScopeThreshold());
            out.put("handoffThreshold", c.handoffThreshold());
            if (withLearned) out.put("learnedPhrasings", PickSimulation.count(learned));
            out.put("report", report);
            if (thresholds != null) out.put("sweep", thresholds);
            printJson(out);
        } else {
            System.out.printf(Locale.ROOT, "knowledge base %s: %d answers in %s; thresholds answer %.2f (scope %.2f), hand-off %.2f%n%n",
                    folder(c), kb.size(), kb.languages(),
                    c.answerThreshold(), c.answerScopeThreshold(), c.handoffThreshold());
            if (withLearned) {
                System.out.printf(Locale.ROOT, "with %d learned phrasings from %s%n%n", PickSimulation.count(learned), c.database());
            }
            System.out.print(report.toText());
            if (thresholds != null) System.out.print(thresholds.toText());
        }
        List<String> failures = failures(report.overall());
        failures.forEach(f -> System.err.println("target not met: " + f));
        return failures.isEmpty() ? 0 : 1;
    }

    private int learnFromPicks(Config c, KnowledgeBase kb, EvalRunner runner, List<EvalCase> questions) throws Exception {
        EvalReport before = EvalReport.of(runner.run(questions), groupBy);
        List<dev.babeldesk.eval.CaseResult> afterResults = new ArrayList<>();
        List<EvalReport> folds = new ArrayList<>();
        int traffic = 0;
        int picks = 0;
        for (int fold = 0; fold < PickSimulation.FOLDS; fold++) {
            PickSimulation.Split split = PickSimulation.split(questions, runner, fold);
            Map<String, Map<String, List<String>>> learnt = PickSimulation.picks(runner.run(split.traffic()));
            KnowledgeBase learned = kb.withLearned(learnt);
            List<dev.babeldesk.eval.CaseResult> scored = new EvalRunner(Wiring.answerEngine(learned, c), learned).run(split.test());
            afterResults.addAll(scored);
            folds.add(EvalReport.of(scored, List.of()));
            traffic += split.traffic().size();
            picks += PickSimulation.count(learnt);
        }
        EvalReport after = EvalReport.of(afterResults, groupBy);
        if (json) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("knowledgeBase", String.valueOf(folder(c)));
            out.put("traffic", traffic);
            out.put("picks", picks);
            out.put("before", before);
            out.put("after", after);
            out.put("afterByFold", folds);
            printJson(out);
        } else {
            System.out.printf(Locale.ROOT, "two folds: %d in-scope questions as past traffic gave %d picks, learned as "
                    + "phrasings; every case scored once by the fold that did not learn from it%n%nBEFORE learning%n%s%n"
                    + "AFTER learning%n%s", traffic, picks, before.toText(), after.toText());
        }
        List<String> failures = failures(after.overall());
        failures.forEach(f -> System.err.println("target not met: " + f));
        return failures.isEmpty() ? 0 : 1;
    }

    /** The approved phrasings in the server's database; a database file that is not there is an error, not a new file. */
    private static Map<String, Map<String, List<String>>> learnedPhrasings(Config c) {
        if (Database.sqliteFile(c.database()).filter(file -> !java.nio.file.Files.exists(file)).isPresent()) {
            throw new IllegalArgumentException("--with-learned reads storage.database, and there is no database at " + c.database());
        }
        javax.sql.DataSource database = Database.open(c.database());
        try {
            return LearningService.phrasings(new JdbcLearningStore(database));
        } finally {
            Database.close(database);
        }
    }

    private Path folder(Config c) {
        return knowledgeBase != null ? knowledgeBase : c.knowledgePath();
    }

    private static void printJson(Map<String, Object> out) throws java.io.IOException {
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(System.out, out);
        System.out.println();
    }

    private Config withThresholds(Config c) {
        return c.withThresholds(answerThreshold != null ? answerThreshold : c.answerThreshold(),
                answerScopeThreshold != null ? answerScopeThreshold : c.answerScopeThreshold(),
                handoffThreshold != null ? handoffThreshold : c.handoffThreshold());
    }

    private List<String> failures(Metrics m) {
        List<String> out = new ArrayList<>();
        check(out, "top-1", m.top1(), minTop1, true);
        check(out, "resolved", m.resolved(), minResolved, true);
        check(out, "right decision", m.rightDecision(), minRight, true);
        check(out, "hand-off recall", m.handoffRecall(), minHandoffRecall, true);
        check(out, "wrong answers", m.wrongAnswers(), maxWrong, false);
        return out;
    }

    private static void check(List<String> out, String name, double value, Double limit, boolean atLeast) {
        if (limit == null) return;
        boolean ok = atLeast ? value >= limit : value <= limit;
        if (!ok || Double.isNaN(value)) {
            out.add(String.format(Locale.ROOT, "%s %.3f (%s %.3f)", name, value, atLeast ? "minimum" : "maximum", limit));
        }
    }
}
