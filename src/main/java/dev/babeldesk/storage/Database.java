package dev.babeldesk.storage;

import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens the configured database and brings its schema up to date with Flyway. A plain path is
 * an embedded SQLite file (created with its folder); a {@code jdbc:} URL is used as it is.
 */
public final class Database {
    private Database() {}

    public static DataSource open(String location) {
        DataSource dataSource = location.startsWith("jdbc:") && !location.startsWith("jdbc:sqlite:")
                ? new DriverManagerDataSource(location)
                : sqlite(location.startsWith("jdbc:sqlite:") ? location.substring("jdbc:sqlite:".length()) : location);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        return dataSource;
    }

    private static DataSource sqlite(String file) {
        Path path = Path.of(file).toAbsolutePath();
        try {
            Files.createDirectories(path.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the folder of the database " + path, e);
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);   // readers do not wait for the writer
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(10_000);
        config.enforceForeignKeys(true);
        SQLiteDataSource dataSource = new SQLiteDataSource(config);
        dataSource.setUrl("jdbc:sqlite:" + path);
        return dataSource;
    }
}
