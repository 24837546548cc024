package dev.babeldesk.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.babeldesk.BabelDesk;
import dev.babeldesk.config.Config;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The whole path over a real server on a random port and a real websocket client. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AskSocketTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static BabelDesk server;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @org.junit.jupiter.api.io.TempDir
    static Path dataDir;

    @BeforeAll
    static void start() {
        server = BabelDesk.start(Config.defaults().withKnowledgePath(Path.of("knowledge-base")).withPort(0)
                .withDatabase(dataDir.resolve("chat.db").toString()));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void health_reports_ok_with_the_loaded_languages() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + "/health")).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        JsonNode body = JSON.readTree(response.body());
        assertEquals("ok", body.get("status").asText());
        assertTrue(body.get("entries").asInt() >= 120, body.toString());
        assertTrue(body.get("languages").toString().contains("ja"), body.toString());
    }

    @Test
    void a_question_sent_over_the_websocket_gets_the_answer_in_its_language() throws Exception {
        try (WsClient client = client()) {
            client.send("{\"text\": \"Wie lange habe ich Zeit, einen Artikel zurückzuschicken?\"}");
            JsonNode answer = client.next();
            assertEquals("answer", answer.get("type").asText());
            assertEquals("de", answer.get("language").asText());
            assertEquals("return-window", answer.at("/candidates/0/id").asText(), answer.toString());
            assertTrue(answer.get("confidence").asDouble() > 0);
        }
    }

    @Test
    void a_request_for_a_person_is_handed_off() throws Exception {
        try (WsClient client = client()) {
            client.send("{\"text\": \"je veux parler à un conseiller\", \"locale\": \"fr\"}");
            JsonNode answer = client.next();
            assertEquals("handoff", answer.get("decision").asText());
            assertEquals("explicit_request", answer.get("handoffReason").asText());
        }
    }

    @Test
    void malformed_and_oversized_frames_get_an_error_and_the_connection_stays_usable() throws Exception {
        try (WsClient client = client()) {
            client.send("this is not json");
            assertEquals("malformed_frame", client.next().get("code").asText());
            client.send("{\"text\": \"" + "a".repeat(Config.defaults().maxMessageChars() + 1) + "\"}");
            assertEquals("message_too_long", client.next().get("code").asText());
            client.send("{\"text\": \"   \"}");
            assertEquals("missing_text", client.next().get("code").asText());
            client.send("{\"text\": \"where is my parcel?\"}");
            assertEquals("answer", client.next().get("type").asText());
        }
    }

    @Test
    void a_connection_that_asks_faster_than_the_chat_rate_limit_is_refused_the_extra_questions() throws Exception {
        int limit = Config.defaults().rateLimit();
        try (WsClient client = client()) {
            for (int i = 0; i < limit + 5; i++) client.send("{\"text\": \"where is my parcel?\"}");
            int answers = 0;
            int refused = 0;
            for (int i = 0; i < limit + 5; i++) {
                JsonNode frame = client.next();
                if ("answer".equals(frame.get("type").asText())) answers++;
                else if ("rate_limited".equals(frame.path("code").asText())) refused++;
            }
            assertEquals(limit, answers, "the limit's worth in 10 seconds");
            assertEquals(5, refused);
        }
    }

    private static WsClient client() throws Exception {
        return new WsClient(server.port(), "/ws/ask");
    }
}
