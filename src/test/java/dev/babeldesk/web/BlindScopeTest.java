package dev.babeldesk.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.babeldesk.BabelDesk;
import dev.babeldesk.config.ConfigLoader;
import dev.babeldesk.handoff.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A base of titles only, served without an embedding model: the bot cannot tell which questions
 * it answers, so it never answers outright, and the admin page is told which languages are blind.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BlindScopeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path dir;
    private static BabelDesk server;

    @BeforeAll
    static void start() {
        String database = dir.resolve("blind.db").toString();
        TestAgents.create(database, agents -> agents.create("admin@shop.example", "Ada", List.of("en"), 3, Role.ADMIN, "admin password 1"));
        server = BabelDesk.start(ConfigLoader.load(null, Map.of("BABELDESK_SERVER_PORT", "0",
                "BABELDESK_STORAGE_DATABASE", database,
                "BABELDESK_KNOWLEDGE_PATH", "src/test/resources/title-only-fixture",
                "BABELDESK_RETRIEVAL_EMBEDDING_MODELS", "*=none")));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void a_title_asked_word_for_word_is_offered_among_choices_not_answered_outright() throws Exception {
        try (WsClient client = new WsClient(server.port(), "/ws/ask")) {
            client.send("{\"text\": \"How do I reset my password?\", \"locale\": \"en\"}");
            JsonNode answer = client.next();
            assertEquals("clarify", answer.path("decision").asText(), answer.toString());
            assertEquals("how-do-i-reset-my-password", answer.at("/choices/0/id").asText(), answer.toString());
        }
    }

    @Test
    void the_admin_page_is_told_which_languages_are_blind() throws Exception {
        String admin = Http.login(server.port(), "admin@shop.example", "admin password 1");
        HttpResponse<String> r = Http.call(server.port(), "GET", "/api/admin/insight", null, admin);
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("[\"en\"]", JSON.readTree(r.body()).at("/knowledgeBase/blindToScope").toString(), r.body());
    }
}
