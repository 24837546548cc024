package dev.babeldesk.cli;

import dev.babeldesk.BabelDesk;
import dev.babeldesk.config.Config;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "serve", description = "Start the chat server with the knowledge base.")
final class ServeCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Option(names = "--port", description = "Overrides server.port")
    Integer port;

    @Option(names = "--kb", paramLabel = "DIR", description = "Overrides knowledge.path")
    Path knowledgeBase;

    @Override
    public Integer call() {
        Config c = config.load();
        if (port != null) c = c.withPort(port);
        if (knowledgeBase != null) c = c.withKnowledgePath(knowledgeBase);
        BabelDesk server = BabelDesk.start(c);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "shutdown"));
        return 0;
    }
}
