package dev.babeldesk.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.babeldesk.BabelDesk;
import dev.babeldesk.config.ConfigLoader;
import dev.babeldesk.storage.PostgresSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a shopper (and an agent) sees when the database goes away, on a real PostgreSQL (skipped where none
 * answers): the message is refused with {@code server_error} naming it, nothing half-done is
 * kept, and the same message sent again once the database is back is stored once and answered.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DatabaseOutageTest {
    private static PostgresSchema schema;
    private static BabelDesk server;
    /** This server's connections only, whatever else uses the same PostgreSQL meanwhile. */
    private static final String APPLICATION = "babeldesk-outage-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    private static final String METRICS_TOKEN = "outage-metrics-token-1";

    @BeforeAll
    static void start() {
        schema = PostgresSchema.createOrSkip();
        TestAgents.create(schema.url(), agents -> agents.create("ada@shop.example", "Ada", java.util.List.of("en"), 3,
                dev.babeldesk.handoff.Role.AGENT, "ada password 1"));
        server = BabelDesk.start(ConfigLoader.load(null, Map.of("BABELDESK_SERVER_PORT", "0",
                "BABELDESK_STORAGE_DATABASE", schema.url() + "&ApplicationName=" + APPLICATION,
                "BABELDESK_METRICS_TOKEN", METRICS_TOKEN)));
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) server.close();
        if (schema != null) schema.close();
    }

    private static void sql(String statement) throws Exception {
        try (Connection c = DriverManager.getConnection(schema.url())) {
            c.createStatement().execute(statement);
        }
    }

    private static int stored(String text) throws Exception {
        try (Connection c = DriverManager.getConnection(schema.url());
             PreparedStatement s = c.prepareStatement("SELECT count(*) FROM messages WHERE sender = 'SHOPPER' AND body LIKE ?")) {
            s.setString(1, "%" + text + "%");
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }

    private static WsClient shopper() throws Exception {
        WsClient c = new WsClient(server.port(), "/ws/chat");
        c.send(Map.of("type", "hello", "v", 1, "locale", "en-GB"));
        c.nextOfType("welcome");
        return c;
    }

    @Test
    void a_message_the_database_cannot_take_is_refused_by_id_and_stored_once_when_sent_again() throws Exception {
        try (WsClient c = shopper()) {
            c.send(Map.of("type", "message", "id", "m1", "text", "How long do I have to send an item back?"));
            c.nextMessage("bot");

            sql("ALTER TABLE messages RENAME TO messages_away"); // the store can no longer write messages
            try {
                c.send(Map.of("type", "message", "id", "m2", "text", "Where is my parcel?"));
                JsonNode error = c.next(f -> "error".equals(f.path("type").asText()));
                assertEquals("server_error", error.get("code").asText());
                assertEquals("m2", error.get("ref").asText(), "the error names the message, so the widget keeps it pending");
                String scrape = Scrape.text(server.port(), METRICS_TOKEN);
                assertTrue(Scrape.value(scrape, "babeldesk_chat_refused_total", Map.of("code", "server_error")) >= 1,
                        "an operator's alert on server errors would fire");
                assertEquals(10, Scrape.value(scrape, "hikaricp_connections_max", Map.of("pool", "babeldesk")),
                        "the connection pool reports itself");
            } finally {
                sql("ALTER TABLE messages_away RENAME TO messages");
            }
            assertEquals(0, stored("Where is my parcel?"), "nothing half-done was kept");

            c.send(Map.of("type", "message", "id", "m2", "text", "Where is my parcel?"));
            JsonNode echoed = c.next(f -> "message".equals(f.path("type").asText()) && "m2".equals(f.path("id").asText()));
            assertEquals("Where is my parcel?", echoed.get("text").asText());
            c.nextMessage("bot");
            c.send(Map.of("type", "message", "id", "m2", "text", "Where is my parcel?")); // a second resend
            c.drain(1000);
            assertEquals(1, stored("Where is my parcel?"), "sent three times, stored once");
        }
    }

    private static java.net.http.HttpResponse<String> upload(String token, String clientId) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + server.port() + "/api/chat/photos?id=" + clientId))
                .timeout(java.time.Duration.ofSeconds(30)).header("Authorization", "Bearer " + token)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(PhotoApiTest.jpeg(200, 150))).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    private static int photoMessages(String conversation) throws Exception {
        try (Connection c = DriverManager.getConnection(schema.url());
             PreparedStatement s = c.prepareStatement("SELECT count(*) FROM messages WHERE conversation_id = ? AND body LIKE '%\"photo\":{%'")) {
            s.setString(1, conversation);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }

    @Test
    void a_photo_the_database_cannot_take_is_refused_with_nothing_half_stored_and_taken_once_when_sent_again() throws Exception {
        try (WsClient c = new WsClient(server.port(), "/ws/chat")) {
            c.send(Map.of("type", "hello", "v", 1, "locale", "en"));
            JsonNode welcome = c.nextOfType("welcome");
            String conversation = welcome.get("conversation").asText();
            String token = welcome.get("resume").asText();
            sql("ALTER TABLE photos RENAME TO photos_away"); // the message could be written, its picture not
            try {
                var refused = upload(token, "p1");
                assertEquals(503, refused.statusCode(), refused.body());
                assertTrue(refused.body().contains("server_error"), refused.body());
            } finally {
                sql("ALTER TABLE photos_away RENAME TO photos");
            }
            assertEquals(0, photoMessages(conversation), "no message without its picture");
            assertEquals(201, upload(token, "p1").statusCode());
            assertEquals(201, upload(token, "p1").statusCode());
            assertEquals(1, photoMessages(conversation), "the resend is stored once");
        }
    }

    @Test
    void an_agents_frame_while_the_database_is_away_is_refused_and_the_console_stays_open() throws Exception {
        String cookie = Http.login(server.port(), "ada@shop.example", "ada password 1");
        try (WsClient console = new WsClient(server.port(), "/ws/agent", Map.of("Cookie", cookie))) {
            console.nextOfType("welcome");
            sql("ALTER TABLE agent_sessions RENAME TO agent_sessions_away"); // the session can no longer be checked
            try {
                console.send(Map.of("type", "open", "conversation", "c_none"));
                assertEquals("server_error", console.nextOfType("error").get("code").asText());
            } finally {
                sql("ALTER TABLE agent_sessions_away RENAME TO agent_sessions");
            }
            console.send(Map.of("type", "open", "conversation", "c_none"));
            assertEquals("not_found", console.nextOfType("error").get("code").asText(), "the same console works again");
        }
    }

    @Test
    void when_postgresql_drops_every_connection_the_next_message_is_still_answered() throws Exception {
        try (WsClient c = shopper()) {
            c.send(Map.of("type", "message", "id", "a1", "text", "Do you ship to Austria?"));
            c.nextMessage("bot");
            try (Connection admin = DriverManager.getConnection(schema.url());
                 PreparedStatement kill = admin.prepareStatement(
                         "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = ?")) {
                kill.setString(1, APPLICATION);
                try (ResultSet r = kill.executeQuery()) {
                    r.next();
                    assertTrue(r.getInt(1) >= 1, "the server's pooled connections were there to drop");
                }
            }

            c.send(Map.of("type", "message", "id", "a2", "text", "How much does shipping cost?"));
            JsonNode next = c.next(f -> "error".equals(f.path("type").asText())
                    || "message".equals(f.path("type").asText()) && "bot".equals(f.path("from").asText()));
            if ("error".equals(next.path("type").asText())) {
                // A connection that died under the pool fails once; the pool replaces it and the resend goes through.
                assertEquals("a2", next.get("ref").asText());
                c.send(Map.of("type", "message", "id", "a2", "text", "How much does shipping cost?"));
                c.nextMessage("bot");
            }
            assertEquals(1, stored("How much does shipping cost?"));
        }
    }
}
