package dev.babeldesk.cli;

import dev.babeldesk.handoff.AgentService;
import dev.babeldesk.storage.Database;
import dev.babeldesk.storage.JdbcAgentStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The first admin is created from the command line, the password read from standard input. */
class CreateAdminCommandTest {

    @Test
    void creates_an_admin_who_can_then_log_in(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("babeldesk.yaml");
        java.nio.file.Files.writeString(config, "storage:\n  database: " + dir.resolve("db") + "\n");
        InputStream originalIn = System.in;
        int code;
        try {
            System.setIn(new ByteArrayInputStream("a strong password\n".getBytes(StandardCharsets.UTF_8)));
            code = new CommandLine(new Main()).execute("create-admin", "--config", config.toString(),
                    "--email", "owner@shop.example", "--name", "Owner", "--languages", "en,fr");
        } finally {
            System.setIn(originalIn);
        }
        assertEquals(0, code);
        AgentService agents = new AgentService(new JdbcAgentStore(Database.open(dir.resolve("db").toString()),
                Clock.systemUTC()), Clock.systemUTC(), Duration.ofHours(1));
        AgentService.Login login = agents.login("owner@shop.example", "a strong password", "127.0.0.1");
        assertEquals("ADMIN", login.agent().role().name());
        assertEquals(java.util.List.of("en", "fr"), login.agent().languages());
    }
}
