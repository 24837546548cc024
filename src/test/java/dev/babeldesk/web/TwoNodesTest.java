package dev.babeldesk.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.babeldesk.BabelDesk;
import dev.babeldesk.config.ConfigLoader;
import dev.babeldesk.handoff.AgentService;
import dev.babeldesk.handoff.Role;
import dev.babeldesk.storage.Database;
import dev.babeldesk.storage.JdbcAgentStore;
import dev.babeldesk.storage.PostgresSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two nodes of one installation on one real PostgreSQL, as behind a load balancer: the shopper is
 * connected to node A, the agent to node B, and neither notices (skipped where no PostgreSQL
 * answers).
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class TwoNodesTest {
    private static PostgresSchema schema;
    private static BabelDesk nodeA;
    private static BabelDesk nodeB;

    @BeforeAll
    static void start() {
        schema = PostgresSchema.createOrSkip();
        DataSource database = Database.open(schema.url());
        try {
            AgentService agents = new AgentService(new JdbcAgentStore(database, Clock.systemUTC()), Clock.systemUTC(),
                    Duration.ofHours(1));
            agents.create("nina@shop.example", "Nina", List.of("en"), 3, Role.AGENT, "nina password 1");
            agents.create("ben@shop.example", "Ben", List.of("en"), 3, Role.AGENT, "ben password 1");
            agents.create("ada@shop.example", "Ada", List.of("en"), 3, Role.ADMIN, "ada password 1");
            agents.create("otto@shop.example", "Otto", List.of("en"), 3, Role.AGENT, "otto password 1");
        } finally {
            Database.close(database);
        }
        nodeA = BabelDesk.start(ConfigLoader.load(null, Map.of("BABELDESK_SERVER_PORT", "0",
                "BABELDESK_STORAGE_DATABASE", schema.url())));
        nodeB = BabelDesk.start(ConfigLoader.load(null, Map.of("BABELDESK_SERVER_PORT", "0",
                "BABELDESK_STORAGE_DATABASE", schema.url())));
    }

    @AfterAll
    static void stop() throws Exception {
        if (nodeA != null) nodeA.close();
        if (nodeB != null) nodeB.close();
        if (schema != null) schema.close();
    }

    private static WsClient agentOn(BabelDesk node, String name) throws Exception {
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        String cookie = Http.login(node.port(), lower + "@shop.example", lower + " password 1");
        WsClient client = new WsClient(node.port(), "/ws/agent", Map.of("Cookie", cookie));
        client.nextOfType("welcome");
        return client;
    }

    /** Waits for a presence frame on this console that shows the agent with this status. */
    private static void seesStatus(WsClient console, String name, String status) throws Exception {
        console.next(f -> "presence".equals(f.path("type").asText()) && hasStatus(f, name, status));
    }

    private static boolean hasStatus(JsonNode presence, String name, String status) {
        for (JsonNode a : presence.get("agents")) {
            if (a.get("name").asText().equals(name)) return a.get("status").asText().equals(status);
        }
        return false;
    }

    @Test
    void an_admins_reload_through_one_node_reloads_the_other_too() throws Exception {
        var before = nodeB.knowledge().snapshot();
        String ada = Http.login(nodeA.port(), "ada@shop.example", "ada password 1");
        assertEquals(200, Http.call(nodeA.port(), "POST", "/api/admin/reload", null, ada).statusCode());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (nodeB.knowledge().snapshot() == before && System.nanoTime() < deadline) Thread.sleep(50);
        assertTrue(nodeB.knowledge().snapshot() != before, "node B read its folder again");
    }

    @Test
    void an_agent_deactivated_through_one_node_is_logged_out_of_the_console_on_the_other() throws Exception {
        try (WsClient otto = agentOn(nodeB, "Otto")) {
            String ada = Http.login(nodeA.port(), "ada@shop.example", "ada password 1");
            String id = new com.fasterxml.jackson.databind.ObjectMapper().readTree(Http.call(nodeA.port(), "GET", "/api/admin/agents",
                    null, ada).body()).findParents("email").stream().filter(a -> a.get("email").asText().equals("otto@shop.example"))
                    .findFirst().orElseThrow().get("id").asText();
            assertEquals(200, Http.call(nodeA.port(), "PATCH", "/api/admin/agents/" + id, "{\"active\":false}", ada).statusCode());
            assertEquals(1008, otto.closeCode.get(10, TimeUnit.SECONDS), "closed on node B, through the bus");
        }
    }

    @Test
    void a_phrasing_an_admin_approves_on_one_node_is_learned_by_the_other_at_once() throws Exception {
        String question = "where is my parcel";
        String picked;
        try (WsClient shopper = new WsClient(nodeB.port(), "/ws/chat")) {
            shopper.send(Map.of("type", "hello", "v", 1, "locale", "en-GB"));
            shopper.nextOfType("welcome");
            shopper.send(Map.of("type", "message", "id", "q", "text", question));
            JsonNode clarify = shopper.nextMessage("bot");
            assertEquals("clarify", clarify.get("decision").asText(), clarify.toString());
            picked = clarify.at("/choices/1/id").asText();
            shopper.send(Map.of("type", "choose", "entry", picked, "seq", clarify.get("seq").asLong()));
            shopper.nextMessage("bot");
        }
        String ada = Http.login(nodeA.port(), "ada@shop.example", "ada password 1");
        String body = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(
                Map.of("language", "en", "entry", picked, "text", question));
        assertEquals(200, Http.call(nodeA.port(), "POST", "/api/admin/learning/approve", body, ada).statusCode());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String first = null;
        while (System.nanoTime() < deadline && !picked.equals(first)) {
            first = nodeB.knowledge().engine().answer(question, "en").candidates().get(0).id();
            if (!picked.equals(first)) Thread.sleep(100);
        }
        assertEquals(picked, first, "node B learns what an admin approved on node A");
    }

    @Test
    void a_console_on_one_node_sees_an_agent_on_another_come_go_away_and_leave() throws Exception {
        try (WsClient ben = agentOn(nodeA, "Ben")) {
            WsClient nina = agentOn(nodeB, "Nina");
            seesStatus(ben, "Nina", "online");
            nina.send(Map.of("type", "presence", "status", "away"));
            seesStatus(ben, "Nina", "away");
            nina.close();
            seesStatus(ben, "Nina", "offline");
        }
    }

    @Test
    void a_node_that_starts_while_an_agent_is_on_another_knows_at_once_that_someone_is_there() throws Exception {
        try (WsClient nina = agentOn(nodeB, "Nina")) {
            // Node C starts now; node B's next heartbeat is up to 10 s away. C must not tell a shopper
            // that nobody is online.
            try (BabelDesk nodeC = BabelDesk.start(ConfigLoader.load(null, Map.of("BABELDESK_SERVER_PORT", "0",
                    "BABELDESK_STORAGE_DATABASE", schema.url())));
                 WsClient shopper = new WsClient(nodeC.port(), "/ws/chat")) {
                shopper.send(Map.of("type", "hello", "v", 1, "locale", "en-GB"));
                shopper.nextOfType("welcome");
                shopper.send(Map.of("type", "request_human"));
                JsonNode next = shopper.next(f -> "offline".equals(f.path("key").asText()) || "waiting".equals(f.path("state").asText()));
                assertEquals("waiting", next.path("state").asText(), next.toString());
            }
        }
    }

    @Test
    void a_shopper_on_one_node_and_an_agent_on_another_talk_as_if_on_one() throws Exception {
        try (WsClient nina = agentOn(nodeB, "Nina")) {
            // Wait until node A knows Nina is connected to node B (Ben's console on A shows it), then
            // leave nobody connected to A itself.
            try (WsClient ben = agentOn(nodeA, "Ben")) {
                seesStatus(ben, "Nina", "online");
            }
            WsClient shopper = new WsClient(nodeA.port(), "/ws/chat");
            shopper.send(Map.of("type", "hello", "v", 1, "locale", "en-GB"));
            String conversation = shopper.nextOfType("welcome").get("conversation").asText();
            shopper.send(Map.of("type", "message", "id", "m1", "text", "I want to talk to a person please"));
            // Node A counts Nina as online: the shopper waits for her, without the "nobody is online" notice
            // (which would come before the state frame).
            JsonNode next = shopper.next(f -> "offline".equals(f.path("key").asText()) || "waiting".equals(f.path("state").asText()));
            assertEquals("waiting", next.path("state").asText(), next.toString());

            JsonNode queue = nina.next(f -> "queue".equals(f.path("type").asText()) && f.toString().contains(conversation));
            assertEquals(conversation, queue.at("/items/0/conversation").asText(), "the queue on node B shows it");

            nina.send(Map.of("type", "take", "conversation", conversation));
            JsonNode card = nina.nextOfType("conversation");
            assertTrue(card.get("messages").toString().contains("I want to talk to a person please"));
            assertEquals("Nina", shopper.next(f -> "agent_joined".equals(f.path("key").asText())).get("agent").asText());
            shopper.next(f -> "state".equals(f.path("type").asText()) && "agent".equals(f.path("state").asText()));

            nina.send(Map.of("type", "typing", "conversation", conversation, "on", true));
            assertEquals("agent", shopper.nextOfType("typing").get("from").asText());
            nina.send(Map.of("type", "reply", "conversation", conversation, "text", "Hello, I am Nina. How can I help?"));
            assertEquals("Hello, I am Nina. How can I help?", shopper.nextMessage("agent").get("text").asText());

            shopper.send(Map.of("type", "message", "id", "m2", "text", "My parcel never arrived"));
            JsonNode relayed = nina.next(f -> "message".equals(f.path("type").asText()) && "shopper".equals(f.path("from").asText())
                    && "My parcel never arrived".equals(f.path("text").asText()));
            assertEquals(conversation, relayed.get("conversation").asText());
            shopper.close();
        }
    }

}
