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
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An agent's account through its life, against a real server: an admin edits it, resets its
 * password, deactivates it (the agent's consoles close and their conversations go back to the
 * queue) and reactivates it; an agent changes their own password. Nobody locks the shop out.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AgentAccountsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path dir;
    private BabelDesk server;
    private String benId;
    private String adaId;

    @BeforeEach
    void start() {
        String database = dir.resolve("accounts.db").toString();
        TestAgents.create(database, agents -> {
            adaId = agents.create("ada@shop.example", "Ada", List.of("en"), 3, Role.ADMIN, "ada password 1").id();
            benId = agents.create("ben@shop.example", "Ben", List.of("en"), 2, Role.AGENT, "ben password 1").id();
        });
        server = BabelDesk.start(ConfigLoader.load(null, Map.of("BABELDESK_SERVER_PORT", "0", "BABELDESK_STORAGE_DATABASE", database,
                "BABELDESK_AGENTS_GRACE_SECONDS", "60")));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> call(String method, String path, Object body, String cookie) throws Exception {
        return Http.call(server.port(), method, path, body == null ? null : JSON.writeValueAsString(body), cookie);
    }

    private String login(String email, String password) throws Exception {
        return Http.login(server.port(), email, password);
    }

    private int loginStatus(String email, String password) throws Exception {
        return call("POST", "/api/agent/login", Map.of("email", email, "password", password), null).statusCode();
    }

    @Test
    void a_deactivated_agent_is_logged_out_everywhere_their_chats_go_back_to_the_queue_and_they_cannot_log_in() throws Exception {
        String ada = login("ada@shop.example", "ada password 1");
        String ben = login("ben@shop.example", "ben password 1");
        try (WsClient benConsole = new WsClient(server.port(), "/ws/agent", Map.of("Cookie", ben));
             WsClient shopper = new WsClient(server.port(), "/ws/chat")) {
            benConsole.nextOfType("welcome");
            shopper.send(Map.of("type", "hello", "v", 1, "locale", "en"));
            String conversation = shopper.nextOfType("welcome").get("conversation").asText();
            shopper.send(Map.of("type", "message", "id", "m1", "text", "I want to talk to a person"));
            shopper.next(f -> "waiting".equals(f.path("state").asText()));
            benConsole.send(Map.of("type", "take", "conversation", conversation));
            benConsole.nextOfType("conversation");
            shopper.next(f -> "agent".equals(f.path("state").asText()));

            HttpResponse<String> r = call("PATCH", "/api/admin/agents/" + benId, Map.of("active", false), ada);
            assertEquals(200, r.statusCode(), r.body());
            assertFalse(JSON.readTree(r.body()).get("active").asBoolean());

            assertEquals(1008, benConsole.closeCode.get(10, TimeUnit.SECONDS), "the open console is closed at once");
            shopper.next(f -> "waiting".equals(f.path("key").asText()));
            assertEquals("waiting", shopper.next(f -> "state".equals(f.path("type").asText())).get("state").asText(),
                    "back in the queue without waiting for the grace period");
        }
        assertEquals(401, call("GET", "/api/agent/me", null, ben).statusCode(), "the session is gone");
        assertEquals(401, loginStatus("ben@shop.example", "ben password 1"), "the right password no longer opens it");
        JsonNode team = JSON.readTree(call("GET", "/api/admin/agents", null, ada).body());
        assertTrue(team.toString().contains("\"active\":false"), team.toString());

        assertEquals(200, call("PATCH", "/api/admin/agents/" + benId, Map.of("active", true), ada).statusCode());
        assertEquals(200, loginStatus("ben@shop.example", "ben password 1"), "reactivated");
    }

    @Test
    void admins_cannot_deactivate_or_demote_themselves_and_the_shop_keeps_an_active_admin() throws Exception {
        String ada = login("ada@shop.example", "ada password 1");
        assertEquals(409, call("PATCH", "/api/admin/agents/" + adaId, Map.of("active", false), ada).statusCode());
        assertEquals(409, call("PATCH", "/api/admin/agents/" + adaId, Map.of("role", "agent"), ada).statusCode());

        assertEquals(200, call("PATCH", "/api/admin/agents/" + benId, Map.of("role", "admin"), ada).statusCode());
        String ben = login("ben@shop.example", "ben password 1");
        assertEquals(200, call("GET", "/api/admin/agents", null, ben).statusCode(), "Ben is an admin now, in his open session too");
        assertEquals(200, call("PATCH", "/api/admin/agents/" + adaId, Map.of("active", false), ben).statusCode(),
                "another admin can");
        assertEquals(409, call("PATCH", "/api/admin/agents/" + benId, Map.of("role", "agent"), ben).statusCode(),
                "and now he is the last active admin");
    }

    @Test
    void an_admin_edits_an_agent_with_checked_values_and_an_agent_cannot() throws Exception {
        String ada = login("ada@shop.example", "ada password 1");
        HttpResponse<String> ok = call("PATCH", "/api/admin/agents/" + benId,
                Map.of("name", "Ben Ohler", "languages", "en, de-AT", "capacity", 4), ada);
        assertEquals(200, ok.statusCode(), ok.body());
        JsonNode ben = JSON.readTree(ok.body());
        assertEquals("Ben Ohler", ben.get("name").asText());
        assertEquals("[\"en\",\"de-AT\"]", ben.get("languages").toString());
        assertEquals(4, ben.get("capacity").asInt());
        assertEquals("agent", ben.get("role").asText(), "unchanged");

        for (Map<String, Object> bad : List.<Map<String, Object>>of(Map.of("capacity", 0), Map.of("capacity", "many"),
                Map.of("languages", "english!"), Map.of("role", "boss"), Map.of("name", " "), Map.of("active", "no"))) {
            assertEquals(400, call("PATCH", "/api/admin/agents/" + benId, bad, ada).statusCode(), bad.toString());
        }
        assertEquals(404, call("PATCH", "/api/admin/agents/a_nobody", Map.of("capacity", 2), ada).statusCode());
        String benCookie = login("ben@shop.example", "ben password 1");
        assertEquals(403, call("PATCH", "/api/admin/agents/" + benId, Map.of("capacity", 50), benCookie).statusCode());
        assertEquals(403, call("POST", "/api/admin/agents/" + adaId + "/password", Map.of("password", "taken over 123"), benCookie)
                .statusCode());
    }

    @Test
    void an_admin_resets_a_forgotten_password_and_the_agents_sessions_end() throws Exception {
        String ada = login("ada@shop.example", "ada password 1");
        String ben = login("ben@shop.example", "ben password 1");
        assertEquals(400, call("POST", "/api/admin/agents/" + benId + "/password", Map.of("password", "short"), ada).statusCode());
        assertEquals(404, call("POST", "/api/admin/agents/a_nobody/password", Map.of("password", "a new password 1"), ada).statusCode());
        try (WsClient console = new WsClient(server.port(), "/ws/agent", Map.of("Cookie", ben))) {
            console.nextOfType("welcome");
            assertEquals(204, call("POST", "/api/admin/agents/" + benId + "/password", Map.of("password", "a new password 1"), ada)
                    .statusCode());
            assertEquals(1008, console.closeCode.get(10, TimeUnit.SECONDS));
        }
        assertEquals(401, call("GET", "/api/agent/me", null, ben).statusCode());
        assertEquals(401, loginStatus("ben@shop.example", "ben password 1"));
        assertEquals(200, loginStatus("ben@shop.example", "a new password 1"));
    }

    @Test
    void agents_change_their_own_password_with_the_current_one_and_their_other_sessions_end() throws Exception {
        String laptop = login("ben@shop.example", "ben password 1");
        String phone = login("ben@shop.example", "ben password 1");
        HttpResponse<String> wrong = call("POST", "/api/agent/password", Map.of("current", "guess 12345", "password", "ben password 2"), laptop);
        assertEquals(403, wrong.statusCode());
        assertEquals("wrong_password", JSON.readTree(wrong.body()).get("error").asText());
        assertEquals(400, call("POST", "/api/agent/password", Map.of("current", "ben password 1", "password", "short"), laptop).statusCode());
        assertEquals(401, call("POST", "/api/agent/password", Map.of("current", "ben password 1", "password", "ben password 2"), null)
                .statusCode());

        assertEquals(204, call("POST", "/api/agent/password", Map.of("current", "ben password 1", "password", "ben password 2"), laptop)
                .statusCode());
        assertEquals(200, call("GET", "/api/agent/me", null, laptop).statusCode(), "this session goes on");
        assertEquals(401, call("GET", "/api/agent/me", null, phone).statusCode(), "the other one ends");
        assertEquals(401, loginStatus("ben@shop.example", "ben password 1"));
        assertEquals(200, loginStatus("ben@shop.example", "ben password 2"));
    }
}
