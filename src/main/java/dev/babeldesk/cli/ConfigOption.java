package dev.babeldesk.cli;

import dev.babeldesk.config.Config;
import dev.babeldesk.config.ConfigLoader;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;

/** The {@code --config} option shared by the subcommands. */
final class ConfigOption {
    static final Path DEFAULT_FILE = Path.of("babeldesk.yaml");

    @Option(names = "--config", paramLabel = "FILE",
            description = "Configuration file (default: $BABELDESK_CONFIG, else ./babeldesk.yaml if present)")
    Path file;

    Config load() {
        Path chosen = file;
        if (chosen == null && System.getenv("BABELDESK_CONFIG") != null) chosen = Path.of(System.getenv("BABELDESK_CONFIG"));
        if (chosen == null && Files.exists(DEFAULT_FILE)) chosen = DEFAULT_FILE;
        if (chosen != null && !Files.exists(chosen)) {
            throw new IllegalArgumentException("Configuration file " + chosen + " does not exist");
        }
        return ConfigLoader.load(chosen, System.getenv());
    }
}
