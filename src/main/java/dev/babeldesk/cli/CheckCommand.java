package dev.babeldesk.cli;

import dev.babeldesk.knowledge.KnowledgeBaseLoader;
import dev.babeldesk.knowledge.Problem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "check", description = "Validate a knowledge base; lists every error and warning, exits 1 on errors.")
final class CheckCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Option(names = "--kb", paramLabel = "DIR", description = "Knowledge-base folder (default: knowledge.path)")
    Path knowledgeBase;

    @Override
    public Integer call() {
        var c = config.load();
        Path folder = knowledgeBase != null ? knowledgeBase : c.knowledgePath();
        KnowledgeBaseLoader.Result result = new KnowledgeBaseLoader(c.defaultLanguage()).load(folder);
        result.problems().stream().map(Problem::toString).forEach(System.out::println);
        System.out.printf("%d answers in %s; %d error(s), %d warning(s)%n", result.knowledgeBase().size(),
                result.knowledgeBase().languages(), result.errors().size(), result.warnings().size());
        return result.valid() ? 0 : 1;
    }
}
