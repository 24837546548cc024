package dev.babeldesk.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Learning from the clarify step against a real server and database: a shopper picks one of the
 * offered answers over a real websocket, an admin approves the pick, and the bot ranks that entry
 * first for the question from then on, also after a restart; removing the phrasing unlearns it.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class LearningTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String QUESTION = "where is my parcel";
    @TempDir
    Path dir;
    private String database;
    private BabelDesk server;
    private String admin;

    @BeforeEach
    void start() throws Exception {
        database = dir.resolve("learning.db").toString();
        TestAgents.create(database, agents -> {
            agents.create("admin@shop.example", "Ada", List.of("en"), 3, Role.ADMIN, "admin password 1");
            agents.create("agent@shop.example", "Ben", List.of("en"), 2, Role.AGENT, "agent password 1");
        });
        startServer();
    }

    private void startServer() throws Exception {
        server = BabelDesk.start(ConfigLoader.load(null, Map.of("BABELDESK_SERVER_PORT", "0",
                "BABELDESK_STORAGE_DATABASE", database)));
        admin = Http.login(server.port(), "admin@shop.example", "admin password 1");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** A shopper asks, gets choices, and picks the second one; returns {first choice, picked}. */
    private String[] shopperPicksTheSecondChoice(String question) throws Exception {
        try (WsClient c = new WsClient(server.port(), "/ws/chat")) {
            c.send(Map.of("type", "hello", "v", 1, "locale", "en-GB"));
            c.nextOfType("welcome");
            c.send(Map.of("type", "message", "id", "q", "text", question));
            JsonNode clarify = c.nextMessage("bot");
            assertEquals("clarify", clarify.get("decision").asText(), "the test needs a question the bot is unsure of: " + clarify);
            String first = clarify.at("/choices/0/id").asText();
            String picked = clarify.at("/choices/1/id").asText();
            c.send(Map.of("type", "choose", "entry", picked, "seq", clarify.get("seq").asLong()));
            assertEquals(picked, c.nextMessage("bot").at("/entry/id").asText());
            return new String[] {first, picked};
        }
    }

    private HttpResponse<String> call(String method, String path, Object body, String cookie) throws Exception {
        return Http.call(server.port(), method, path, body == null ? null : JSON.writeValueAsString(body), cookie);
    }

    private JsonNode ok(String method, String path, Object body) throws Exception {
        HttpResponse<String> r = call(method, path, body, admin);
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    private String firstCandidate(String question) throws Exception {
        return ok("POST", "/api/admin/try", Map.of("text", question)).at("/candidates/0/id").asText();
    }

    private static Map<String, String> pick(String entry, String text) {
        return Map.of("language", "en", "entry", entry, "text", text);
    }

    @Test
    void an_approved_pick_ranks_its_entry_first_from_then_on_and_after_a_restart_until_it_is_removed() throws Exception {
        String[] choices = shopperPicksTheSecondChoice(QUESTION);
        assertEquals(choices[0], firstCandidate(QUESTION), "before learning, the bot's first guess stands");

        JsonNode suggestions = ok("GET", "/api/admin/learning", null).get("suggestions");
        assertEquals(1, suggestions.size(), suggestions.toString());
        assertEquals(choices[1], suggestions.at("/0/entry").asText());
        assertEquals(QUESTION, suggestions.at("/0/text").asText());
        assertEquals(1, suggestions.at("/0/times").asInt());
        assertFalse(suggestions.at("/0/title").asText().isBlank());
        java.time.Instant.parse(suggestions.at("/0/lastAt").asText()); // ISO-8601, like every time in the admin API

        JsonNode learned = ok("POST", "/api/admin/learning/approve", pick(choices[1], QUESTION)).get("learned");
        assertEquals("Ada", learned.get("approvedBy").asText());
        java.time.Instant.parse(learned.get("approvedAt").asText());
        assertEquals(choices[1], firstCandidate(QUESTION), "the approved pick is learned at once");
        JsonNode listed = ok("GET", "/api/admin/learning", null);
        assertEquals(0, listed.get("suggestions").size(), "a decided pick is no longer suggested");
        assertEquals(QUESTION, listed.at("/learned/0/text").asText());

        server.close();
        startServer();
        assertEquals(choices[1], firstCandidate(QUESTION), "learned phrasings are in the database, not in memory");

        ok("DELETE", "/api/admin/learning/" + learned.get("id").asText(), null);
        assertEquals(choices[0], firstCandidate(QUESTION), "removed, it is unlearned at once");
        assertEquals(1, ok("GET", "/api/admin/learning", null).get("suggestions").size(), "and the pick is suggested again");
        assertEquals(404, call("DELETE", "/api/admin/learning/" + learned.get("id").asText(), null, admin).statusCode());
    }

    @Test
    void a_rejected_pick_is_not_suggested_again_and_not_learned() throws Exception {
        String[] choices = shopperPicksTheSecondChoice(QUESTION);
        ok("POST", "/api/admin/learning/reject", pick(choices[1], QUESTION));
        JsonNode listed = ok("GET", "/api/admin/learning", null);
        assertEquals(0, listed.get("suggestions").size());
        assertEquals(0, listed.get("learned").size());
        assertEquals(choices[0], firstCandidate(QUESTION));
    }

    @Test
    void only_what_a_shopper_asked_and_picked_can_be_learned_and_only_by_an_admin() throws Exception {
        String[] choices = shopperPicksTheSecondChoice(QUESTION);
        HttpResponse<String> made = call("POST", "/api/admin/learning/approve", pick(choices[1], "a phrasing nobody asked"), admin);
        assertEquals(400, made.statusCode());
        assertEquals("not_suggested", JSON.readTree(made.body()).get("error").asText());
        HttpResponse<String> otherEntry = call("POST", "/api/admin/learning/approve", pick(choices[0], QUESTION), admin);
        assertEquals("not_suggested", JSON.readTree(otherEntry.body()).get("error").asText(), "the shopper picked another entry");
        HttpResponse<String> gone = call("POST", "/api/admin/learning/approve", pick("no-such-entry", QUESTION), admin);
        assertEquals("bad_entry", JSON.readTree(gone.body()).get("error").asText());
        HttpResponse<String> empty = call("POST", "/api/admin/learning/approve", pick(choices[1], " "), admin);
        assertEquals("bad_text", JSON.readTree(empty.body()).get("error").asText());
        assertEquals(400, call("GET", "/api/admin/learning?from=yesterday", null, admin).statusCode());

        String agent = Http.login(server.port(), "agent@shop.example", "agent password 1");
        for (String[] endpoint : List.of(new String[] {"GET", "/api/admin/learning"},
                new String[] {"POST", "/api/admin/learning/approve"}, new String[] {"POST", "/api/admin/learning/reject"},
                new String[] {"DELETE", "/api/admin/learning/x"})) {
            Object body = endpoint[0].equals("POST") ? pick(choices[1], QUESTION) : null;
            assertEquals(401, call(endpoint[0], endpoint[1], body, null).statusCode(), endpoint[1]);
            assertEquals(403, call(endpoint[0], endpoint[1], body, agent).statusCode(), endpoint[1]);
        }
        assertEquals(0, ok("GET", "/api/admin/learning", null).get("learned").size(), "nothing was learned by the refused calls");
        assertNotEquals(choices[1], firstCandidate(QUESTION));
    }

    @Test
    void personal_data_in_a_picked_question_is_masked_before_anyone_sees_or_learns_it() throws Exception {
        String[] choices = shopperPicksTheSecondChoice(QUESTION + " jane.doe@example.com 0176 12345678");
        JsonNode suggestion = ok("GET", "/api/admin/learning", null).at("/suggestions/0");
        assertEquals(QUESTION + " [email] [number]", suggestion.get("text").asText());
        ok("POST", "/api/admin/learning/approve", pick(choices[1], suggestion.get("text").asText()));
        String all = ok("GET", "/api/admin/learning", null).toString();
        assertFalse(all.contains("jane") || all.contains("12345678"), all);
        assertTrue(all.contains("[email] [number]"), all);
    }
}
