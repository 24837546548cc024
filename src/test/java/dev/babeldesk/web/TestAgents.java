package dev.babeldesk.web;

import dev.babeldesk.handoff.AgentService;
import dev.babeldesk.storage.Database;
import dev.babeldesk.storage.JdbcAgentStore;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;

/** Agent accounts put into a test's fresh database file before its server starts. */
final class TestAgents {
    private TestAgents() {}

    /** Gives {@code create} the accounts service on the database, then closes the connection it opened. */
    static void create(String database, Consumer<AgentService> create) {
        DataSource data = Database.open(database);
        try {
            create.accept(new AgentService(new JdbcAgentStore(data, Clock.systemUTC()), Clock.systemUTC(), Duration.ofHours(1)));
        } finally {
            Database.close(data);
        }
    }
}
