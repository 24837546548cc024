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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The admin insight endpoints against a real server: shoppers chat over real websockets, then the
 * admin reads the figures, the questions to work on, the export and the threshold simulator.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AdminInsightTest {
    private static final String OUT_OF_SCOPE = "Can you recommend a good dentist in Lisbon? Write to jane.doe@example.com";
    @TempDir
    static Path dir;
    private static BabelDesk server;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static String admin;

    @BeforeAll
    static void start() throws Exception {
        String database = dir.resolve("insight.db").toString();
        TestAgents.create(database, agents -> {
            agents.create("admin@shop.example", "Ada", List.of("en"), 3, Role.ADMIN, "admin password 1");
            agents.create("agent@shop.example", "Ben", List.of("de"), 2, Role.AGENT, "agent password 1");
        });
        server = BabelDesk.start(ConfigLoader.load(null, Map.of("BABELDESK_SERVER_PORT", "0",
                "BABELDESK_STORAGE_DATABASE", database)));
        admin = login("admin@shop.example", "admin password 1");

        // Three shoppers: one answered and satisfied, one answered and not helped, one the bot cannot help.
        ask("How long do I have to send an item back?", null);
        ask("Why did the courier ask me to pay import duties?", false);
        ask(OUT_OF_SCOPE, null);
    }

    /** One shopper conversation with one question; optionally votes on the bot's reply. */
    private static void ask(String question, Boolean helpful) throws Exception {
        try (WsClient c = new WsClient(server.port(), "/ws/chat")) {
            c.send(Map.of("type", "hello", "v", 1, "locale", "en-GB"));
            c.nextOfType("welcome");
            c.send(Map.of("type", "message", "id", "m1", "text", question));
            JsonNode reply = c.next(f -> "message".equals(f.path("type").asText())
                    && List.of("bot", "system").contains(f.path("from").asText()) && f.path("seq").asLong() > 2);
            if (helpful != null) {
                c.send(Map.of("type", "feedback", "seq", reply.get("seq").asLong(), "helpful", helpful));
                c.nextMessage("bot"); // the other answers offered after "not helpful"
            }
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> call(String method, String path, String body, String cookie) throws Exception {
        return Http.call(server.port(), method, path, body, cookie);
    }

    private static String login(String email, String password) throws Exception {
        return Http.login(server.port(), email, password);
    }

    private static JsonNode get(String path) throws Exception {
        HttpResponse<String> r = call("GET", path, null, admin);
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    @Test
    void insight_endpoints_answer_401_without_a_login_and_403_to_an_agent_in_json() throws Exception {
        String agent = login("agent@shop.example", "agent password 1");
        // The shape holds whatever the client sends as Accept (Http.call sends none).
        HttpResponse<String> denied = call("GET", "/api/admin/insight", null, agent);
        assertEquals("application/json", denied.headers().firstValue("Content-Type").orElse("").split(";")[0], denied.body());
        assertEquals("forbidden", JSON.readTree(denied.body()).path("error").asText(), denied.body());
        assertEquals("admins only", JSON.readTree(denied.body()).path("message").asText());
        assertEquals("unauthorized", JSON.readTree(call("GET", "/api/admin/insight", null, null).body()).path("error").asText());
        for (String[] endpoint : List.of(new String[] {"GET", "/api/admin/insight"},
                new String[] {"GET", "/api/admin/insight/questions"}, new String[] {"GET", "/api/admin/insight/export?format=csv"},
                new String[] {"POST", "/api/admin/simulate"}, new String[] {"POST", "/api/admin/try"},
                new String[] {"POST", "/api/admin/reload"})) {
            String body = endpoint[0].equals("POST") ? "{\"text\":\"hi\"}" : null;
            assertEquals(401, call(endpoint[0], endpoint[1], body, null).statusCode(), endpoint[1]);
            assertEquals(403, call(endpoint[0], endpoint[1], body, agent).statusCode(), endpoint[1]);
        }
    }

    @Test
    void the_summary_counts_what_shoppers_did_today() throws Exception {
        JsonNode s = get("/api/admin/insight");
        assertEquals(3, s.get("conversations").asInt(), s.toString());
        assertEquals(1, s.get("handedOff").asInt(), s.toString());
        assertEquals(2, s.get("botOnly").asInt());
        assertEquals(1, s.at("/handoffReasons/low_confidence").asInt(), s.toString());
        assertEquals(3, s.get("questions").asInt());
        assertEquals(1, s.at("/feedback/notHelpful").asInt());
        assertEquals(30, s.get("daily").size());
        JsonNode today = s.get("daily").get(29);
        assertEquals(3, today.get("conversations").asInt());
        assertEquals(1, today.get("handedOff").asInt());
        assertTrue(s.at("/knowledgeBase/entries").asInt() > 100);
        assertEquals(0, s.at("/knowledgeBase/errors").size());
        assertEquals("[]", s.at("/knowledgeBase/blindToScope").toString(), "every bundled language tells its scope");
        assertFalse(s.toString().contains("jane"), "no personal data in the summary");
    }

    @Test
    void the_questions_to_work_on_list_the_unanswered_and_the_unhelped_with_the_closest_entry_and_no_email() throws Exception {
        JsonNode groups = get("/api/admin/insight/questions").get("groups");
        assertEquals(2, groups.size(), groups.toString());
        String all = groups.toString();
        assertTrue(all.contains("dentist in Lisbon? Write to [email]"), all);
        assertTrue(all.contains("import duties"), all);
        assertFalse(all.contains("jane.doe"), all);
        for (JsonNode g : groups) {
            assertEquals("en", g.get("language").asText());
            assertEquals(1, g.get("count").asInt());
            assertTrue(g.at("/closest/id").isTextual(), g.toString());
        }
    }

    @Test
    void the_export_has_one_row_per_bot_decision_in_csv_and_json_without_email_addresses() throws Exception {
        HttpResponse<String> csv = call("GET", "/api/admin/insight/export?format=csv", null, admin);
        assertEquals(200, csv.statusCode());
        assertTrue(csv.headers().firstValue("Content-Disposition").orElse("").startsWith("attachment"));
        List<String> lines = csv.body().lines().toList();
        assertEquals("date,conversation,language,question,decision,reason,entry,confidence,feedback,chosen", lines.get(0));
        assertEquals(4, lines.size(), csv.body());
        assertTrue(csv.body().contains("not_helpful"));
        assertTrue(csv.body().contains("\"Can you recommend a good dentist in Lisbon? Write to [email]\""), csv.body());
        assertFalse(csv.body().contains("jane"));
        JsonNode json = JSON.readTree(call("GET", "/api/admin/insight/export?format=json", null, admin).body());
        assertEquals(3, json.get("rows").size());
        assertEquals(400, call("GET", "/api/admin/insight/export?format=xml", null, admin).statusCode());

        // Labelled questions only: here none (no pick; the one vote is "not helpful", which names no right answer).
        HttpResponse<String> cases = call("GET", "/api/admin/insight/export?format=cases", null, admin);
        assertEquals(200, cases.statusCode());
        assertTrue(cases.headers().firstValue("Content-Type").orElse("").startsWith("application/x-ndjson"));
        assertTrue(cases.headers().firstValue("Content-Disposition").orElse("").endsWith("-cases.jsonl\""));
        assertEquals("", cases.body());
    }

    @Test
    void a_bad_period_is_a_400_that_says_what_is_wrong() throws Exception {
        HttpResponse<String> r = call("GET", "/api/admin/insight?from=2026-13-01", null, admin);
        assertEquals(400, r.statusCode());
        assertEquals("bad_period", JSON.readTree(r.body()).get("error").asText());
        HttpResponse<String> threshold = call("POST", "/api/admin/simulate", "{\"answerThreshold\": 2}", admin);
        assertEquals(400, threshold.statusCode());
        assertTrue(threshold.body().contains("answerThreshold"));
    }

    @Test
    void the_simulator_replays_the_stored_questions_at_other_thresholds() throws Exception {
        JsonNode same = JSON.readTree(call("POST", "/api/admin/simulate", "{}", admin).body());
        assertEquals(3, same.get("questions").asInt());
        assertEquals(same.at("/current/questions"), same.at("/proposed/questions"));
        assertEquals(0, same.get("changed").size(), "the current thresholds change nothing");

        JsonNode strict = JSON.readTree(call("POST", "/api/admin/simulate",
                "{\"answerThreshold\": 1.0, \"handoffThreshold\": 1.0}", admin).body());
        assertEquals(3, strict.at("/proposed/questions/handoff").asInt(), strict.toString());
        assertEquals(3, strict.at("/proposed/conversations/handoff").asInt());
        assertTrue(strict.at("/current/questions/answer").asInt() >= 1, strict.toString());
        assertEquals(strict.at("/current/questions/answer").asInt() + strict.at("/current/questions/clarify").asInt(),
                strict.get("changed").size(), "every question not handed off today changes");
        JsonNode change = strict.get("changed").get(0);
        assertEquals("handoff", change.at("/after/decision").asText());
    }

    @Test
    void the_admin_page_is_served_with_a_content_security_policy() throws Exception {
        HttpResponse<String> page = call("GET", "/admin", null, null);
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("").contains("default-src 'self'"));
    }
}
