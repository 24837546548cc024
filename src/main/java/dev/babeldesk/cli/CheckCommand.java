package dev.babeldesk.cli;

import dev.babeldesk.Wiring;
import dev.babeldesk.answering.AnswerEngine;
import dev.babeldesk.answering.ConfidenceModel;
import dev.babeldesk.check.KnowledgeBaseLinter;
import dev.babeldesk.check.RegressionCases;
import dev.babeldesk.config.Config;
import dev.babeldesk.knowledge.KnowledgeBaseLoader;
import dev.babeldesk.knowledge.Problem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "check", description = "Validate and lint a knowledge base and run its regression cases (tests/*.jsonl); "
        + "errors and warnings are listed apart, exit 1 on errors.")
final class CheckCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Option(names = "--kb", paramLabel = "DIR", description = "Knowledge-base folder (default: knowledge.path)")
    Path knowledgeBase;

    @Option(names = "--no-cases", description = "Skip what needs the models (a few seconds): the regression cases and "
            + "whether the bot can tell, per language, which questions the base answers")
    boolean noCases;

    @Override
    public Integer call() throws Exception {
        Config c = config.load();
        Path folder = knowledgeBase != null ? knowledgeBase : c.knowledgePath();
        KnowledgeBaseLoader.Result result = new KnowledgeBaseLoader(c.defaultLanguage()).load(folder);
        List<Problem> problems = new ArrayList<>(result.problems());
        int cases = 0;
        if (result.valid()) {
            problems.addAll(new KnowledgeBaseLinter().lint(result.knowledgeBase(), c.defaultLanguage()));
            if (!noCases) {
                AnswerEngine engine = Wiring.answerEngine(result.knowledgeBase(), c);
                for (String language : engine.blindToScope()) {
                    problems.add(Problem.warning(folder.resolve(language), 0, ConfidenceModel.BLIND_SCOPE_ADVICE));
                }
                for (Path file : RegressionCases.files(folder)) {
                    cases += dev.babeldesk.eval.EvalCases.read(file).size();
                    problems.addAll(RegressionCases.run(file, engine, result.knowledgeBase()));
                }
            }
        }
        List<Problem> errors = problems.stream().filter(p -> p.severity() == Problem.Severity.ERROR).toList();
        List<Problem> warnings = problems.stream().filter(p -> p.severity() == Problem.Severity.WARNING).toList();
        if (!errors.isEmpty()) {
            System.out.println("Errors:");
            errors.forEach(p -> System.out.println("  " + p));
        }
        if (!warnings.isEmpty()) {
            System.out.println("Warnings:");
            warnings.forEach(p -> System.out.println("  " + p));
        }
        System.out.printf("%d answers in %s; %d regression case(s); %d error(s), %d warning(s)%n",
                result.knowledgeBase().size(), result.knowledgeBase().languages(), cases, errors.size(), warnings.size());
        return errors.isEmpty() ? 0 : 1;
    }
}
