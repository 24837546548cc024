package dev.babeldesk.cli;

import dev.babeldesk.config.Config;
import dev.babeldesk.storage.Backup;
import dev.babeldesk.storage.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;

@Command(name = "backup", description = "Copy the embedded database (conversations, agents, learned phrasings) to a new "
        + "file, consistently, while the server runs. On PostgreSQL use pg_dump.")
final class BackupCommand implements Callable<Integer> {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    @Mixin
    ConfigOption config;

    @Option(names = "--to", paramLabel = "FILE", description = "The new file (default: data/backup/babeldesk-<UTC time>.db)")
    Path target;

    @Override
    public Integer call() {
        Config c = config.load();
        Path file = Database.sqliteFile(c.database()).orElseThrow(() -> new IllegalArgumentException("storage.database is a "
                + "server database (" + c.database().replaceAll("password=[^&]*", "password=…") + "): back it up with its own tools, e.g. pg_dump"));
        Path to = target != null ? target : Path.of("data", "backup", "babeldesk-" + STAMP.format(Instant.now()) + ".db");
        long started = System.nanoTime();
        Backup.Result result = Backup.sqlite(file, to);
        System.out.printf("backed up %s to %s (%.1f MB, %d ms): %s%n", file, result.file(), result.bytes() / 1e6,
                (System.nanoTime() - started) / 1_000_000, result.rows());
        return 0;
    }
}
