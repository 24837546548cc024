package dev.babeldesk.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.babeldesk.BabelDesk;
import dev.babeldesk.config.ConfigLoader;
import dev.babeldesk.handoff.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code GET /metrics} on a real server: what an operator's Prometheus reads, after real shoppers
 * and an agent used the server over real websockets.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MetricsEndpointTest {
    private static final String TOKEN = "scrape-token-0123456789";
    /** A sample line of the text format: name, optional {labels}, a value. */
    private static final Pattern SAMPLE = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*(\\{.*})? [-+0-9.eE]+|.* (NaN|[+-]Inf)");

    @TempDir
    Path dir;
    private String database;
    private BabelDesk server;

    @BeforeEach
    void start() {
        database = dir.resolve("metrics.db").toString();
        TestAgents.create(database, agents -> {
            agents.create("ada@shop.example", "Ada", List.of("en"), 3, Role.AGENT, "ada password 1");
        });
        server = BabelDesk.start(ConfigLoader.load(null, Map.of("BABELDESK_SERVER_PORT", "0",
                "BABELDESK_STORAGE_DATABASE", database, "BABELDESK_METRICS_TOKEN", TOKEN)));
    }

    @AfterEach
    void stop() {
        if (server != null) server.close();
    }

    private HttpResponse<String> scrape(String authorization) throws Exception {
        return Scrape.get(server.port(), authorization);
    }

    private String scrape() throws Exception {
        return Scrape.text(server.port(), TOKEN);
    }

    private static OptionalDouble sample(String scrape, String name, Map<String, String> labels) {
        return Scrape.sample(scrape, name, labels);
    }

    private static double value(String scrape, String name, Map<String, String> labels) {
        return Scrape.value(scrape, name, labels);
    }

    /** A gauge changes when the server sees a close, a moment after the client's. */
    private double eventually(String name, double expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        double seen;
        do {
            seen = value(scrape(), name, Map.of());
            if (seen == expected) return seen;
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        return seen;
    }

    @Test
    void a_scraper_needs_the_configured_bearer_token() throws Exception {
        HttpResponse<String> none = scrape(null);
        assertEquals(401, none.statusCode());
        assertEquals("Bearer", none.headers().firstValue("WWW-Authenticate").orElse(""));
        assertEquals(401, scrape("Bearer " + TOKEN + "x").statusCode());
        assertEquals(401, scrape(TOKEN).statusCode(), "the scheme is part of the header");

        HttpResponse<String> ok = scrape("Bearer " + TOKEN);
        assertEquals(200, ok.statusCode());
        assertTrue(ok.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
        for (String line : ok.body().split("\n")) {
            if (!line.isEmpty() && !line.startsWith("#")) assertTrue(SAMPLE.matcher(line).matches(), "not a sample: " + line);
        }
        // The machine-level figures an operator sizes the server by.
        assertTrue(value(ok.body(), "process_resident_memory_bytes", Map.of()) > 50e6, "resident memory in bytes");
        assertTrue(value(ok.body(), "jvm_memory_used_bytes", Map.of("area", "heap")) > 0);
        assertTrue(value(ok.body(), "babeldesk_knowledge_answers", Map.of()) > 100, "the bundled base's answers");
        assertEquals(0, value(ok.body(), "babeldesk_knowledge_errors", Map.of()));
    }

    @Test
    void without_a_token_the_endpoint_is_off() throws Exception {
        server.close();
        server = BabelDesk.start(ConfigLoader.load(null, Map.of("BABELDESK_SERVER_PORT", "0",
                "BABELDESK_STORAGE_DATABASE", database)));
        assertEquals(404, scrape(null).statusCode());
        assertEquals(404, scrape("Bearer " + TOKEN).statusCode());
    }

    @Test
    void decisions_hand_offs_and_refused_frames_are_counted_without_what_the_shopper_wrote() throws Exception {
        String question = "how long do I have to return an item";
        String decision;
        try (WsClient shopper = new WsClient(server.port(), "/ws/chat")) {
            shopper.send(Map.of("type", "hello", "v", 1, "locale", "en"));
            shopper.nextOfType("welcome");
            assertEquals(1, eventually("babeldesk_chat_connections", 1));
            shopper.send(Map.of("type", "message", "id", "m1", "text", question));
            decision = shopper.nextMessage("bot").get("decision").asText();

            shopper.send("this is not json");
            assertEquals("malformed_frame", shopper.nextOfType("error").get("code").asText());
            shopper.send(Map.of("type", "message", "id", "m2", "text", "x".repeat(2001)));
            assertEquals("message_too_long", shopper.nextOfType("error").get("code").asText());

            shopper.send(Map.of("type", "message", "id", "m3", "text", "I want to talk to a human please"));
            shopper.next(f -> "waiting".equals(f.path("state").asText()));
        }
        String scrape = scrape();
        assertEquals(1, value(scrape, "babeldesk_bot_decisions_total", Map.of("language", "en", "decision", decision)),
                "the question's " + decision);
        assertEquals(1, value(scrape, "babeldesk_handoffs_total", Map.of("reason", "explicit_request")));
        assertEquals("handoff".equals(decision) ? 2 : 1,
                value(scrape, "babeldesk_bot_decisions_total", Map.of("language", "en", "decision", "handoff")));
        assertEquals(2, value(scrape, "babeldesk_bot_decision_seconds_count", Map.of()), "both questions were timed");
        assertTrue(sample(scrape, "babeldesk_bot_decision_seconds_bucket", Map.of("le", "0.02")).isPresent(),
                "a bucket at the 20 ms target");
        assertEquals(1, value(scrape, "babeldesk_chat_refused_total", Map.of("code", "malformed_frame")));
        assertEquals(1, value(scrape, "babeldesk_chat_refused_total", Map.of("code", "message_too_long")));
        assertEquals(1, value(scrape, "babeldesk_queue_waiting", Map.of()));
        assertEquals(0, eventually("babeldesk_chat_connections", 0), "the shopper's connection closed");
        try (WsClient flooder = new WsClient(server.port(), "/ws/chat")) {
            flooder.send("x".repeat(100_000)); // far over the frame limit: Jetty closes the connection (1009)
            assertEquals(1009, flooder.closeCode.get(10, TimeUnit.SECONDS));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (sample(scrape(), "babeldesk_chat_refused_total", Map.of("code", "frame_too_large")).isEmpty()
                && System.nanoTime() < deadline) Thread.sleep(50);
        assertEquals(1, value(scrape(), "babeldesk_chat_refused_total", Map.of("code", "frame_too_large")));
        assertFalse(scrape.contains("return an item") || scrape.contains("human please"), "no shopper text in metrics");
    }

    @Test
    void the_wait_for_a_person_is_recorded_when_an_agent_takes_the_conversation() throws Exception {
        String cookie = Http.login(server.port(), "ada@shop.example", "ada password 1");
        try (WsClient shopper = new WsClient(server.port(), "/ws/chat");
             WsClient ada = new WsClient(server.port(), "/ws/agent", Map.of("Cookie", cookie))) {
            ada.nextOfType("welcome");
            assertEquals(1, value(scrape(), "babeldesk_agents_connected", Map.of()));
            shopper.send(Map.of("type", "hello", "v", 1, "locale", "en"));
            String conversation = shopper.nextOfType("welcome").get("conversation").asText();
            shopper.send(Map.of("type", "request_human"));
            shopper.next(f -> "waiting".equals(f.path("state").asText()));
            assertEquals(0, value(scrape(), "babeldesk_queue_wait_seconds_count", Map.of()));

            ada.send(Map.of("type", "take", "conversation", conversation));
            JsonNode card = ada.nextOfType("conversation");
            assertEquals(conversation, card.get("conversation").asText());
            String scrape = scrape();
            assertEquals(1, value(scrape, "babeldesk_queue_wait_seconds_count", Map.of()));
            assertEquals(1, value(scrape, "babeldesk_queue_wait_seconds_bucket", Map.of("le", "300.0")),
                    "waited under the 5-minute overdue mark");
            assertEquals(0, value(scrape, "babeldesk_queue_waiting", Map.of()));
            assertEquals(1, value(scrape, "babeldesk_handoffs_total", Map.of("reason", "explicit_request")));
        }
    }
}
