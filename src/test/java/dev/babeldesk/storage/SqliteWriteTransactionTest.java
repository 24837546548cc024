package dev.babeldesk.storage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Two stores write to the embedded SQLite file at once (a hand-off being taken while the bot's
 * decision is recorded). A write transaction that reads before it writes must wait for the other
 * writer, not fail with SQLITE_BUSY when it goes to write (CI once caught "take" failing that way).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SqliteWriteTransactionTest {
    @TempDir
    Path dir;

    @Test
    void a_transaction_that_reads_then_writes_waits_for_another_writer_instead_of_failing() throws Exception {
        DataSource database = Database.open(dir.resolve("chat.db").toString());
        try {
            JdbcConversationStore store = new JdbcConversationStore(database, Clock.systemUTC());
            String first = store.create("hash-1", "en", "/").id();
            CompletableFuture<String> other;
            try (Connection c = database.getConnection()) {
                c.setAutoCommit(false);
                try (ResultSet r = c.createStatement().executeQuery("SELECT COUNT(*) FROM conversations")) {
                    r.next();
                    assertEquals(1, r.getInt(1));
                }
                // Meanwhile another connection writes (as another store would).
                other = CompletableFuture.supplyAsync(() -> store.create("hash-2", "en", "/").id());
                Thread.sleep(300);
                c.createStatement().executeUpdate("UPDATE conversations SET locale = 'de' WHERE id = '" + first + "'");
                c.commit();
            }
            other.get(30, TimeUnit.SECONDS);
            try (Connection c = database.getConnection();
                 ResultSet r = c.createStatement().executeQuery("SELECT COUNT(*), SUM(locale = 'de') FROM conversations")) {
                r.next();
                assertEquals(2, r.getInt(1), "the other writer's row is there");
                assertEquals(1, r.getInt(2), "and so is this transaction's update");
            }
        } finally {
            Database.close(database);
        }
    }
}
