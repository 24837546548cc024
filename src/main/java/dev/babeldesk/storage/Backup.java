package dev.babeldesk.storage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A consistent copy of the embedded SQLite database while the server runs. Copying the file
 * itself can catch a write half-done, and misses what is still in the write-ahead log; SQLite's
 * {@code VACUUM INTO} writes a snapshot of one read transaction instead, which the running server
 * does not wait for (readers and the writer do not block each other in WAL mode).
 */
public final class Backup {
    private Backup() {}

    /** What the copy holds: rows per table, and its size in bytes. */
    public record Result(Path file, long bytes, Map<String, Integer> rows) {}

    /**
     * @param database the SQLite file the server uses
     * @param target   a file that must not exist yet (a backup never overwrites anything)
     */
    public static Result sqlite(Path database, Path target) {
        if (!Files.isRegularFile(database)) throw new IllegalArgumentException("there is no database at " + database);
        if (Files.exists(target)) throw new IllegalArgumentException(target + " exists already; a backup never overwrites a file");
        try {
            Path folder = target.toAbsolutePath().getParent();
            if (folder != null) Files.createDirectories(folder);
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + database.toAbsolutePath());
                 PreparedStatement s = c.prepareStatement("VACUUM INTO ?")) {
                s.setString(1, target.toAbsolutePath().toString());
                s.execute();
            }
            return new Result(target, Files.size(target), verified(target));
        } catch (SQLException | java.io.IOException e) {
            throw new StorageException("backing up " + database + " to " + target + " failed", e);
        }
    }

    /** Reads the copy back: SQLite's integrity check, then the rows of the tables that matter. */
    private static Map<String, Integer> verified(Path copy) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + copy.toAbsolutePath());
             Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("PRAGMA integrity_check")) {
                String verdict = r.next() ? r.getString(1) : "no answer";
                if (!"ok".equals(verdict)) throw new SQLException("the copy fails SQLite's integrity check: " + verdict);
            }
            Map<String, Integer> rows = new LinkedHashMap<>();
            for (String table : new String[] {"conversations", "messages", "agents", "learned_phrasings"}) {
                try (ResultSet r = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
                    r.next();
                    rows.put(table, r.getInt(1));
                }
            }
            return rows;
        }
    }
}
