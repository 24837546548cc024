package dev.babeldesk.cli;

import dev.babeldesk.BabelDesk;
import dev.babeldesk.config.ConfigLoader;
import dev.babeldesk.conversation.ChatMessage;
import dev.babeldesk.conversation.Sender;
import dev.babeldesk.storage.Database;
import dev.babeldesk.storage.JdbcConversationStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import javax.sql.DataSource;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code babeldesk backup}: a consistent copy of the embedded database while a real server writes to it. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BackupCommandTest {
    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {}

    private Run backup(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            String[] all = new String[args.length + 1];
            all[0] = "backup";
            System.arraycopy(args, 0, all, 1, args.length);
            int code = new CommandLine(new Main()).setErr(new PrintWriter(err)).setExecutionExceptionHandler((e, cmd, parsed) -> {
                cmd.getErr().println(e.getMessage());
                return 2;
            }).execute(all);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString());
        } finally {
            System.setOut(original);
        }
    }

    private Path config(String database) throws Exception {
        Path file = dir.resolve("babeldesk-" + System.nanoTime() + ".yaml");
        Files.writeString(file, "storage:\n  database: \"" + database + "\"\n");
        return file;
    }

    @Test
    void a_backup_taken_while_the_server_writes_holds_every_conversation_and_the_server_goes_on() throws Exception {
        String database = dir.resolve("live.db").toString();
        try (BabelDesk server = BabelDesk.start(ConfigLoader.load(null, Map.of("BABELDESK_SERVER_PORT", "0",
                "BABELDESK_STORAGE_DATABASE", database)))) {
            JdbcConversationStore live = new JdbcConversationStore(Database.open(database), Clock.systemUTC());
            String conversation = live.create("hash-1", "en", "/").id();
            live.append(conversation, ChatMessage.draft(Sender.SHOPPER, "where is my parcel 4711"));
            // Writes go on during the copy: the copy is a snapshot of one moment, complete and consistent.
            Thread writer = Thread.ofVirtual().start(() -> {
                for (int i = 0; i < 200; i++) live.append(conversation, ChatMessage.draft(Sender.SHOPPER, "more " + i));
            });
            Path target = dir.resolve("copies/first.db");
            Run run = backup("--config", config(database).toString(), "--to", target.toString());
            writer.join();
            assertEquals(0, run.code(), run.err());
            assertTrue(run.out().contains("conversations=1"), run.out());

            DataSource copy = Database.open(target.toString());
            List<ChatMessage> copied = new JdbcConversationStore(copy, Clock.systemUTC()).messagesAfter(conversation, 0);
            assertEquals("where is my parcel 4711", copied.get(0).text());
            for (int i = 0; i < copied.size(); i++) assertEquals(i + 1, copied.get(i).seq(), "no message missing in between");
            Database.close(copy);

            live.append(conversation, ChatMessage.draft(Sender.SHOPPER, "after the backup"));
            assertEquals(1 + 200 + 1, live.messagesAfter(conversation, 0).size(), "the server's database is untouched");
        }
    }

    @Test
    void a_backup_never_overwrites_a_file_and_needs_a_database_to_copy() throws Exception {
        String database = dir.resolve("db.db").toString();
        Database.close(Database.open(database));
        Path existing = dir.resolve("existing.db");
        Files.writeString(existing, "keep me");
        Run refused = backup("--config", config(database).toString(), "--to", existing.toString());
        assertEquals(2, refused.code());
        assertTrue(refused.err().contains("exists already"), refused.err());
        assertEquals("keep me", Files.readString(existing));

        Run missing = backup("--config", config(dir.resolve("none.db").toString()).toString(), "--to", dir.resolve("x.db").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("there is no database at"), missing.err());
        assertFalse(Files.exists(dir.resolve("none.db")), "no empty database made up");
        assertFalse(Files.exists(dir.resolve("x.db")));
    }

    @Test
    void on_postgresql_it_points_to_pg_dump_without_printing_the_password() throws Exception {
        Run run = backup("--config", config("jdbc:postgresql://db.internal/shop?user=bot&password=s3cret").toString());
        assertEquals(2, run.code());
        assertTrue(run.err().contains("pg_dump"), run.err());
        assertFalse(run.err().contains("s3cret"), run.err());
    }
}
