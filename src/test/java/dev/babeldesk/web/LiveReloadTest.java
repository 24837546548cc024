package dev.babeldesk.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.babeldesk.BabelDesk;
import dev.babeldesk.config.ConfigLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Editors change files while the server runs and shoppers are connected: changes go live without
 * a restart or a dropped connection; a broken edit keeps the last good answer and is reported.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LiveReloadTest {
    @TempDir
    Path dir;
    private Path kb;
    private BabelDesk server;

    private static String entry(String title, String question, String body) {
        return "---\ntitle: \"" + title + "\"\nquestions:\n  - \"" + question + "\"\n---\n" + body + "\n";
    }

    private static final String METRICS_TOKEN = "reload-metrics-token";

    @BeforeEach
    void start() throws Exception {
        kb = dir.resolve("kb");
        Files.createDirectories(kb.resolve("en"));
        Files.writeString(kb.resolve("en/returns.md"), entry("How long do I have to return an item?",
                "Can I still send back my shoes after three weeks?", "You can return items within 30 days."));
        Files.writeString(kb.resolve("en/payment.md"), entry("Which payment methods do you accept?",
                "Can I pay with PayPal?", "We accept cards and PayPal."));
        Files.writeString(kb.resolve("en/tracking.md"), entry("Where is my parcel?",
                "How do I track my order?", "Use the tracking link in the shipping email."));
        server = BabelDesk.start(ConfigLoader.load(null, Map.of(
                "BABELDESK_SERVER_PORT", "0",
                "BABELDESK_KNOWLEDGE_PATH", kb.toString(),
                "BABELDESK_STORAGE_DATABASE", dir.resolve("chat.db").toString(),
                "BABELDESK_RETRIEVAL_CACHE_DIR", dir.resolve("cache").toString(),
                "BABELDESK_ANSWERING_ANSWER_THRESHOLD", "0.0",
                "BABELDESK_ANSWERING_ANSWER_SCOPE_THRESHOLD", "0.0",
                "BABELDESK_ANSWERING_HANDOFF_THRESHOLD", "0.0",
                "BABELDESK_METRICS_TOKEN", METRICS_TOKEN)));
    }

    @AfterEach
    void stop() {
        if (server != null) server.close();
    }

    /** Asks on the open connection until the answer satisfies the check (the reload is asynchronous). */
    private JsonNode askUntil(WsClient client, String question, Predicate<JsonNode> wanted) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        int n = 0;
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            client.send(Map.of("type", "message", "id", "q" + System.nanoTime() + "-" + n++, "text", question));
            last = client.nextMessage("bot");
            if (wanted.test(last)) return last;
            Thread.sleep(300);
        }
        throw new AssertionError("the answer never changed; last: " + last);
    }

    private JsonNode health() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + "/health")).build(), HttpResponse.BodyHandlers.ofString());
        return new ObjectMapper().readTree(r.body());
    }

    @Test
    void edits_additions_invalid_edits_and_deletions_go_live_on_an_open_connection() throws Exception {
        try (WsClient c = new WsClient(server.port(), "/ws/chat")) {
            c.send(Map.of("type", "hello", "v", 1, "locale", "en"));
            c.nextOfType("state");
            JsonNode before = askUntil(c, "How long do I have to return an item?", a -> true);
            assertTrue(before.get("html").asText().contains("30 days"), before.toString());

            // An edit to the answer.
            Files.writeString(kb.resolve("en/returns.md"), entry("How long do I have to return an item?",
                    "Can I still send back my shoes after three weeks?", "You can return items within 60 days."));
            askUntil(c, "How long do I have to return an item?", a -> a.path("html").asText().contains("60 days"));

            // A new answer.
            Files.writeString(kb.resolve("en/gift-cards.md"), entry("Do you sell gift cards?",
                    "Can I buy a voucher for a friend?", "Yes, gift cards from 10 to 200 EUR."));
            askUntil(c, "Do you sell gift cards?", a -> "gift-cards".equals(a.at("/entry/id").asText()));

            // A broken edit: the title is gone. The last good version stays live and the error is reported.
            Files.writeString(kb.resolve("en/returns.md"), "---\nquestions:\n  - \"x\"\n---\nbroken\n");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (health().get("knowledgeBaseErrors").asInt() == 0 && System.nanoTime() < deadline) Thread.sleep(200);
            assertEquals(1, health().get("knowledgeBaseErrors").asInt());
            assertTrue(server.knowledge().snapshot().errors().get(0).message().contains("missing title"));
            String scrape = Scrape.text(server.port(), METRICS_TOKEN);
            assertEquals(1, Scrape.value(scrape, "babeldesk_knowledge_errors", Map.of()), "an operator can alert on it");
            assertEquals(4, Scrape.value(scrape, "babeldesk_knowledge_answers", Map.of()), "the broken file's last good version");
            assertTrue(Scrape.value(scrape, "babeldesk_knowledge_reloads_total", Map.of("outcome", "reloaded")) >= 3);
            JsonNode stillGood = askUntil(c, "How long do I have to return an item?", a -> true);
            assertEquals("returns", stillGood.at("/entry/id").asText());
            assertTrue(stillGood.get("html").asText().contains("60 days"));

            // A deleted file: its answer is gone.
            Files.delete(kb.resolve("en/gift-cards.md"));
            askUntil(c, "Do you sell gift cards?", a -> !"gift-cards".equals(a.at("/entry/id").asText()));
            assertEquals(3, health().get("entries").asInt());

            // The same connection served everything: it was never dropped.
            assertTrue(!c.closeCode.isDone());
        }
    }
}
