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
 * an embedded SQLite file (created with its folder); a {@code jdbc:} URL (PostgreSQL: the driver
 * is bundled) is used as it is, through a connection pool. {@link #close} it when the server stops.
 */
public final class Database {
    private Database() {}

    public static DataSource open(String location) {
        return open(location, null);
    }

    /** @param meters where a connection pool (PostgreSQL) reports its connections and waits, or null */
    public static DataSource open(String location, io.micrometer.core.instrument.MeterRegistry meters) {
        java.util.Optional<Path> file = sqliteFile(location);
        DataSource dataSource = new ClosableDataSource(file.isEmpty() ? pool(location, meters) : sqlite(file.get().toString()));
        try {
            Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        } catch (RuntimeException e) {
            close(dataSource);
            throw e;
        }
        return dataSource;
    }

    /** The embedded database file {@code storage.database} names (a path or a {@code jdbc:sqlite:} URL); empty for a server database. */
    public static java.util.Optional<Path> sqliteFile(String location) {
        if (location.startsWith("jdbc:sqlite:")) return java.util.Optional.of(Path.of(location.substring("jdbc:sqlite:".length())));
        return location.startsWith("jdbc:") ? java.util.Optional.empty() : java.util.Optional.of(Path.of(location));
    }

    /** Closes what {@link #open} returned: no new connections after this (and the pool, if any, is shut). */
    public static void close(DataSource dataSource) {
        if (dataSource instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                throw new IllegalStateException("closing the database pool failed", e);
            }
        }
    }

    private static DataSource pool(String url, io.micrometer.core.instrument.MeterRegistry meters) {
        com.zaxxer.hikari.HikariConfig config = new com.zaxxer.hikari.HikariConfig();
        config.setJdbcUrl(url);
        config.setPoolName("babeldesk");
        // Shows in pg_stat_activity, so an operator (and a test) can tell these connections apart.
        config.addDataSourceProperty("ApplicationName", "babeldesk");
        // Chats and agents wait on the database for milliseconds; more connections than this only queue in it.
        config.setMaximumPoolSize(10);
        config.setConnectionTimeout(10_000);
        // hikaricp_connections_* in /metrics: a database that goes away shows as timeouts and pending threads.
        if (meters != null) config.setMetricsTrackerFactory(new com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory(meters));
        return new com.zaxxer.hikari.HikariDataSource(config);
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
        // A write transaction takes the write lock when it begins: one that read first and then wrote
        // would otherwise fail at once (SQLITE_BUSY_SNAPSHOT) when another store had written meanwhile,
        // instead of waiting the busy timeout. Reads outside transactions are not affected.
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        config.enforceForeignKeys(true);
        SQLiteDataSource dataSource = new SQLiteDataSource(config);
        dataSource.setUrl("jdbc:sqlite:" + path);
        return dataSource;
    }
}
