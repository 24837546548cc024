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
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every agent endpoint and the agents' websocket require a login; admin endpoints require the admin role. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AgentAccessTest {
    @TempDir
    static Path dir;
    private static BabelDesk server;
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void start() {
        String database = dir.resolve("chat.db").toString();
        TestAgents.create(database, agents -> {
            agents.create("admin@shop.example", "Ada", List.of("en"), 3, Role.ADMIN, "admin password 1");
            agents.create("agent@shop.example", "Ben", List.of("de"), 2, Role.AGENT, "agent password 1");
        });
        server = BabelDesk.start(ConfigLoader.load(null, Map.of("BABELDESK_SERVER_PORT", "0",
                "BABELDESK_STORAGE_DATABASE", database)));
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

    @Test
    void without_a_login_agent_endpoints_answer_401() throws Exception {
        assertEquals(401, call("GET", "/api/agent/me", null, null).statusCode());
        assertEquals(401, call("GET", "/api/admin/agents", null, null).statusCode());
        assertEquals(401, call("GET", "/api/agent/me", null, "bd_session=made-up").statusCode());
    }

    @Test
    void a_wrong_password_gets_401_and_the_right_one_a_session() throws Exception {
        HttpResponse<String> wrong = call("POST", "/api/agent/login",
                "{\"email\":\"agent@shop.example\",\"password\":\"nope\"}", null);
        assertEquals(401, wrong.statusCode());
        assertTrue(wrong.headers().firstValue("Set-Cookie").isEmpty());
        String cookie = login("agent@shop.example", "agent password 1");
        JsonNode me = JSON.readTree(call("GET", "/api/agent/me", null, cookie).body());
        assertEquals("Ben", me.get("name").asText());
        assertEquals("agent", me.get("role").asText());
        assertEquals(List.of("de"), List.of(me.get("languages").get(0).asText()));
    }

    @Test
    void an_agent_cannot_use_admin_endpoints_and_an_admin_can() throws Exception {
        String agent = login("agent@shop.example", "agent password 1");
        assertEquals(403, call("GET", "/api/admin/agents", null, agent).statusCode());
        assertEquals(403, call("POST", "/api/admin/agents", "{}", agent).statusCode());
        String admin = login("admin@shop.example", "admin password 1");
        assertEquals(200, call("GET", "/api/admin/agents", null, admin).statusCode());
        HttpResponse<String> created = call("POST", "/api/admin/agents", JSON.writeValueAsString(Map.of(
                "email", "cai@shop.example", "name", "Cai", "languages", "zh,en", "capacity", 4,
                "password", "a long password")), admin);
        assertEquals(201, created.statusCode(), created.body());
        assertEquals(400, call("POST", "/api/admin/agents", JSON.writeValueAsString(Map.of(
                "email", "cai@shop.example", "name", "Cai again", "password", "a long password")), admin).statusCode());
        assertTrue(call("GET", "/api/admin/agents", null, admin).body().contains("cai@shop.example"));
    }

    @Test
    void a_shoppers_resume_token_never_opens_agent_endpoints() throws Exception {
        String token;
        try (WsClient shopper = new WsClient(server.port(), "/ws/chat")) {
            shopper.send(Map.of("type", "hello", "v", 1));
            token = shopper.nextOfType("welcome").get("resume").asText();
        }
        assertEquals(401, call("GET", "/api/agent/me", null, "bd_session=" + token).statusCode());
        try (WsClient sneaky = new WsClient(server.port(), "/ws/agent", Map.of("Cookie", "bd_session=" + token))) {
            assertEquals(1008, sneaky.closeCode.get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void after_logout_the_session_is_dead() throws Exception {
        String cookie = login("admin@shop.example", "admin password 1");
        assertEquals(204, call("POST", "/api/agent/logout", null, cookie).statusCode());
        assertEquals(401, call("GET", "/api/agent/me", null, cookie).statusCode());
    }

    @Test
    void the_agents_websocket_greets_a_logged_in_agent_by_name() throws Exception {
        String cookie = login("agent@shop.example", "agent password 1");
        try (WsClient agent = new WsClient(server.port(), "/ws/agent", Map.of("Cookie", cookie))) {
            assertEquals("Ben", agent.nextOfType("welcome").at("/agent/name").asText());
        }
        try (WsClient anonymous = new WsClient(server.port(), "/ws/agent", Map.of())) {
            assertEquals(1008, anonymous.closeCode.get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void admins_can_reload_the_base_and_try_a_question_and_agents_cannot() throws Exception {
        String agent = login("agent@shop.example", "agent password 1");
        assertEquals(403, call("POST", "/api/admin/reload", null, agent).statusCode());
        assertEquals(403, call("POST", "/api/admin/try", "{\"text\":\"hi\"}", agent).statusCode());
        assertEquals(401, call("POST", "/api/admin/try", "{\"text\":\"hi\"}", null).statusCode());

        String admin = login("admin@shop.example", "admin password 1");
        JsonNode reloaded = JSON.readTree(call("POST", "/api/admin/reload", null, admin).body());
        assertEquals(138, reloaded.get("entries").asInt());
        assertEquals(0, reloaded.get("errors").size());
        JsonNode tried = JSON.readTree(call("POST", "/api/admin/try",
                "{\"text\":\"Wann bekomme ich mein Geld zurück?\"}", admin).body());
        assertEquals("de", tried.get("detectedLanguage").asText());
        assertEquals("refund-time", tried.at("/candidates/0/id").asText());
        assertTrue(tried.at("/candidates/0/answerable").asDouble() > 0);
        assertTrue(tried.get("readAs").isNull(), "nothing corrected in German: no dictionary");
        JsonNode slips = JSON.readTree(call("POST", "/api/admin/try", "{\"text\":\"how can I cancell my ordr\", \"locale\": \"en\"}",
                admin).body());
        assertEquals("how can I cancel my order", slips.get("readAs").asText());
        assertEquals("cancel-order", slips.at("/candidates/0/id").asText());
        assertEquals(400, call("POST", "/api/admin/try", "{\"text\":\"\"}", admin).statusCode());
    }
}
