package dev.babeldesk.storage;

import dev.babeldesk.cluster.NodeEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import javax.sql.DataSource;
import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two nodes' buses on one real PostgreSQL schema (skipped where no PostgreSQL answers). */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PostgresNodeBusTest {
    private static PostgresSchema schema;
    private static PostgresSchema otherSchema;
    private static DataSource database;
    private static DataSource otherDatabase;

    @BeforeAll
    static void open() {
        schema = PostgresSchema.createOrSkip();
        otherSchema = PostgresSchema.createOrSkip();
        database = Database.open(schema.url());
        otherDatabase = Database.open(otherSchema.url());
    }

    @AfterAll
    static void close() throws Exception {
        if (database != null) Database.close(database);
        if (otherDatabase != null) Database.close(otherDatabase);
        if (schema != null) schema.close();
        if (otherSchema != null) otherSchema.close();
    }

    private static PostgresNodeBus bus(DataSource db, PostgresSchema s, BlockingQueue<NodeEvent> heard) throws Exception {
        PostgresNodeBus bus = new PostgresNodeBus(db, s.url());
        bus.subscribe(heard::add);
        assertTrue(bus.awaitListening(Duration.ofSeconds(10)), "the bus listens");
        return bus;
    }

    @Test
    void an_event_reaches_the_other_node_intact_and_not_its_sender() throws Exception {
        BlockingQueue<NodeEvent> atA = new LinkedBlockingQueue<>();
        BlockingQueue<NodeEvent> atB = new LinkedBlockingQueue<>();
        try (PostgresNodeBus a = bus(database, schema, atA); PostgresNodeBus b = bus(database, schema, atB)) {
            String frame = "{\"type\":\"message\",\"text\":\"Grüße, \\\"quoted\\\" and 荷物\"}";
            a.publish(new NodeEvent(a.nodeId(), NodeEvent.Kind.SHOPPER, "conversation-1", frame));
            NodeEvent heard = atB.poll(10, TimeUnit.SECONDS);
            assertNotNull(heard, "node B heard node A");
            assertEquals(new NodeEvent(a.nodeId(), NodeEvent.Kind.SHOPPER, "conversation-1", frame), heard);
            assertNull(atA.poll(1, TimeUnit.SECONDS), "a node does not hear itself");
        }
    }

    @Test
    void an_event_larger_than_a_notification_goes_through_the_table_and_arrives_whole() throws Exception {
        BlockingQueue<NodeEvent> atB = new LinkedBlockingQueue<>();
        try (PostgresNodeBus a = bus(database, schema, new LinkedBlockingQueue<>()); PostgresNodeBus b = bus(database, schema, atB)) {
            String big = "返品について".repeat(2000); // 36,000 bytes in UTF-8, NOTIFY takes 8,000
            a.publish(new NodeEvent(a.nodeId(), NodeEvent.Kind.AGENT, "agent-1", big));
            a.publish(new NodeEvent(a.nodeId(), NodeEvent.Kind.LISTS, "", ""));
            NodeEvent first = atB.poll(10, TimeUnit.SECONDS);
            assertNotNull(first);
            assertEquals(big, first.body());
            assertEquals(NodeEvent.Kind.AGENT, first.kind());
            NodeEvent second = atB.poll(10, TimeUnit.SECONDS);
            assertNotNull(second);
            assertEquals(NodeEvent.Kind.LISTS, second.kind(), "events arrive in the order they were sent");
        }
    }

    @Test
    void an_installation_in_another_schema_of_the_same_database_hears_nothing() throws Exception {
        BlockingQueue<NodeEvent> other = new LinkedBlockingQueue<>();
        BlockingQueue<NodeEvent> same = new LinkedBlockingQueue<>();
        try (PostgresNodeBus a = bus(database, schema, new LinkedBlockingQueue<>());
             PostgresNodeBus b = bus(database, schema, same);
             PostgresNodeBus stranger = bus(otherDatabase, otherSchema, other)) {
            a.publish(new NodeEvent(a.nodeId(), NodeEvent.Kind.LISTS, "", ""));
            assertNotNull(same.poll(10, TimeUnit.SECONDS));
            assertNull(other.poll(1, TimeUnit.SECONDS));
        }
    }

    @Test
    void a_node_whose_listening_connection_is_killed_reconnects_and_hears_again() throws Exception {
        BlockingQueue<NodeEvent> atB = new LinkedBlockingQueue<>();
        try (PostgresNodeBus a = bus(database, schema, new LinkedBlockingQueue<>()); PostgresNodeBus b = bus(database, schema, atB)) {
            try (Connection c = database.getConnection();
                 java.sql.PreparedStatement kill = c.prepareStatement(
                         "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = ?")) {
                kill.setString(1, b.applicationName());
                try (java.sql.ResultSet r = kill.executeQuery()) {
                    assertTrue(r.next() && r.getBoolean(1), "node B's listening connection was there to kill");
                }
            }
            // What is published while B reconnects is not heard live (the database keeps the messages);
            // once B listens again it hears the others.
            NodeEvent refresh = atB.poll(20, TimeUnit.SECONDS);
            assertNotNull(refresh, "node B refreshes its agents' lists once it listens again");
            assertEquals(NodeEvent.Kind.LISTS, refresh.kind());
            NodeEvent heard = null;
            for (int i = 0; i < 40 && heard == null; i++) {
                a.publish(new NodeEvent(a.nodeId(), NodeEvent.Kind.AGENT, "agent-1", "attempt " + i));
                heard = atB.poll(500, TimeUnit.MILLISECONDS);
            }
            assertNotNull(heard, "node B hears node A again");
            assertEquals(NodeEvent.Kind.AGENT, heard.kind());
        }
    }
}
