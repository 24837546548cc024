package dev.babeldesk.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code bin/babeldesk}: one subcommand per job. */
@Command(name = "babeldesk", mixinStandardHelpOptions = true, version = "babeldesk 0.1.0",
        description = "Self-hosted multilingual support chat bot with human hand-off.",
        subcommands = {ServeCommand.class, EvalCommand.class, CheckCommand.class, CreateAdminCommand.class, BackupCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /**
     * Held here so the setting stays (the logging framework keeps loggers only weakly). Without
     * the optimising compiler, Lucene's vectorised code cannot run and the launcher leaves the
     * vector module out (bin/babeldesk); Lucene's advice to add it would then be a false alarm at
     * every start.
     */
    private static final java.util.logging.Logger LUCENE_VECTORS =
            java.util.logging.Logger.getLogger("org.apache.lucene.internal.vectorization.VectorizationProvider");

    public static void main(String[] args) {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) LUCENE_VECTORS.setLevel(java.util.logging.Level.SEVERE);
        int code = new CommandLine(new Main()).setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println(e.getMessage());
            return 2;
        }).execute(args);
        if (code != 0 || (args.length > 0 && !args[0].equals("serve"))) System.exit(code);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
