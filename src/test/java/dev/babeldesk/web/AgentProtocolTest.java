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

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hand-off from the agent's side, over real websockets against a real server. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class AgentProtocolTest {
    @TempDir
    Path dir;
    private BabelDesk server;

    @BeforeEach
    void start() {
        String database = dir.resolve("chat.db").toString();
        TestAgents.create(database, agents -> {
            agents.create("ben@shop.example", "Ben", List.of("de"), 1, Role.AGENT, "ben password 1");
            agents.create("ada@shop.example", "Ada", List.of("en"), 3, Role.ADMIN, "ada password 1");
        });
        server = BabelDesk.start(config(database, Map.of()));
    }

    private static dev.babeldesk.config.Config config(String database, Map<String, String> extra) {
        Map<String, String> env = new java.util.HashMap<>(Map.of("BABELDESK_SERVER_PORT", "0",
                "BABELDESK_STORAGE_DATABASE", database, "BABELDESK_AGENTS_GRACE_SECONDS", "1"));
        env.putAll(extra);
        return ConfigLoader.load(null, env);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private WsClient agent(String email, String password) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + "/api/agent/login")).POST(HttpRequest.BodyPublishers.ofString(
                new ObjectMapper().writeValueAsString(Map.of("email", email, "password", password)))).build(),
                HttpResponse.BodyHandlers.ofString());
        String cookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        WsClient client = new WsClient(server.port(), "/ws/agent", Map.of("Cookie", cookie.substring(0, cookie.indexOf(';'))));
        client.nextOfType("welcome");
        return client;
    }

    /** A shopper who asks for a person; returns the open client and the conversation id. */
    private record Shopper(WsClient client, String conversation) {}

    private Shopper shopperAsking(String locale, String text) throws Exception {
        WsClient c = new WsClient(server.port(), "/ws/chat");
        c.send(Map.of("type", "hello", "v", 1, "locale", locale));
        String conversation = c.nextOfType("welcome").get("conversation").asText();
        c.send(Map.of("type", "message", "id", "m1", "text", text));
        c.next(f -> "waiting".equals(f.path("state").asText()));
        return new Shopper(c, conversation);
    }

    private static JsonNode queueWith(WsClient agent, String conversation) throws Exception {
        return agent.next(f -> f.path("type").asText().equals("queue") && f.toString().contains(conversation));
    }

    @Test
    void a_german_request_is_offered_first_to_the_german_speaker_and_the_agent_takes_over_with_context() throws Exception {
        try (WsClient ben = agent("ben@shop.example", "ben password 1");
             WsClient ada = agent("ada@shop.example", "ada password 1")) {
            Shopper english = shopperAsking("en", "I want to speak to a human please");
            Shopper german = shopperAsking("de", "Ich möchte mit einem Mitarbeiter sprechen");

            JsonNode bensQueue = queueWith(ben, german.conversation());
            assertEquals(german.conversation(), bensQueue.at("/items/0/conversation").asText(), "German first for Ben");
            assertEquals("de", bensQueue.at("/items/0/language").asText());
            assertEquals("explicit_request", bensQueue.at("/items/0/reason").asText());
            JsonNode adasQueue = queueWith(ada, german.conversation());
            assertEquals(english.conversation(), adasQueue.at("/items/0/conversation").asText(), "English first for Ada");

            ben.send(Map.of("type", "take", "conversation", german.conversation()));
            JsonNode card = ben.nextOfType("conversation");
            assertEquals("explicit_request", card.at("/handoff/reason").asText());
            assertTrue(card.get("messages").toString().contains("Ich möchte mit einem Mitarbeiter sprechen"));
            JsonNode joined = german.client().next(f -> "agent_joined".equals(f.path("key").asText()));
            assertEquals("Ben", joined.get("agent").asText());
            assertTrue(joined.get("text").asText().contains("Ben"), joined.toString());
            assertEquals("agent", german.client().nextOfType("state").get("state").asText());

            assertTrue(card.at("/timers/waitedSeconds").asLong() >= 0);
            assertTrue(card.at("/timers/firstResponseSeconds").isNull(), "no reply yet");
            ben.send(Map.of("type", "reply", "conversation", german.conversation(), "text", "Hallo, ich helfe Ihnen gern."));
            JsonNode reply = german.client().nextMessage("agent");
            ben.send(Map.of("type", "open", "conversation", german.conversation()));
            assertTrue(ben.next(f -> "conversation".equals(f.path("type").asText()) && f.at("/timers/firstResponseSeconds").isNumber())
                    .at("/timers/firstResponseSeconds").asLong() >= 0);
            assertEquals("Hallo, ich helfe Ihnen gern.", reply.get("text").asText());
            assertEquals("Ben", reply.get("agent").asText());

            german.client().send(Map.of("type", "message", "id", "m2", "text", "Mein Paket ist kaputt angekommen."));
            JsonNode forwarded = ben.next(f -> f.path("type").asText().equals("message") && "shopper".equals(f.path("from").asText()));
            assertEquals(german.conversation(), forwarded.get("conversation").asText());
            assertTrue(german.client().drain(600).stream().noneMatch(f -> f.path("type").asText().equals("message")
                            && "bot".equals(f.path("from").asText())),
                    "the bot stays silent while a person has the conversation");

            ada.send(Map.of("type", "reply", "conversation", german.conversation(), "text", "me too"));
            assertEquals("not_yours", ada.nextOfType("error").get("code").asText());
            ben.send(Map.of("type", "take", "conversation", english.conversation()));
            assertEquals("at_capacity", ben.nextOfType("error").get("code").asText(), "Ben's capacity is one");
            english.client().close();
            german.client().close();
        }
    }

    @Test
    void two_agents_taking_at_once_exactly_one_gets_it() throws Exception {
        try (WsClient ben = agent("ben@shop.example", "ben password 1");
             WsClient ada = agent("ada@shop.example", "ada password 1")) {
            Shopper shopper = shopperAsking("en", "talk to a real person");
            queueWith(ben, shopper.conversation());
            queueWith(ada, shopper.conversation());
            ben.send(Map.of("type", "take", "conversation", shopper.conversation()));
            ada.send(Map.of("type", "take", "conversation", shopper.conversation()));
            JsonNode benGot = ben.next(f -> List.of("conversation", "error").contains(f.path("type").asText()));
            JsonNode adaGot = ada.next(f -> List.of("conversation", "error").contains(f.path("type").asText()));
            assertEquals(1, (benGot.path("type").asText().equals("conversation") ? 1 : 0)
                    + (adaGot.path("type").asText().equals("conversation") ? 1 : 0), benGot + " / " + adaGot);
            JsonNode loser = benGot.path("type").asText().equals("error") ? benGot : adaGot;
            assertEquals("taken_by_someone_else", loser.get("code").asText());
            long joins = shopper.client().drain(800).stream().filter(f -> "agent_joined".equals(f.path("key").asText())).count();
            assertEquals(1, joins, "the shopper is told once");
            shopper.client().close();
        }
    }

    @Test
    void the_agent_closes_with_a_resolution_and_the_shopper_rates_once() throws Exception {
        try (WsClient ada = agent("ada@shop.example", "ada password 1")) {
            Shopper shopper = shopperAsking("en", "I want to talk to a human");
            queueWith(ada, shopper.conversation());
            ada.send(Map.of("type", "take", "conversation", shopper.conversation()));
            ada.nextOfType("conversation");
            ada.send(Map.of("type", "note", "conversation", shopper.conversation(), "text", "VIP, refund approved"));
            assertTrue(ada.nextOfType("conversation").get("notes").toString().contains("VIP, refund approved"));
            ada.send(Map.of("type", "close", "conversation", shopper.conversation(), "resolution", "made_up"));
            assertEquals("invalid", ada.nextOfType("error").get("code").asText());
            ada.send(Map.of("type", "close", "conversation", shopper.conversation(), "resolution", "returns_and_refunds",
                    "note", "refund issued"));
            assertEquals("closed", shopper.client().next(f -> "closed".equals(f.path("key").asText())).get("key").asText());
            assertEquals("survey", shopper.client().nextMessage("system").get("key").asText());
            assertEquals("closed", shopper.client().nextOfType("state").get("state").asText());
            shopper.client().send(Map.of("type", "rating", "score", 5, "comment", "quick and kind"));
            shopper.client().nextOfType("rated");
            shopper.client().send(Map.of("type", "rating", "score", 1));
            assertEquals("invalid_field", shopper.client().nextOfType("error").get("code").asText(), "only once");
            assertTrue(shopper.client().drain(300).stream().noneMatch(f -> f.toString().contains("VIP")),
                    "internal notes never reach the shopper");
            shopper.client().close();
        }
    }

    @Test
    void handing_back_to_the_bot_lets_the_bot_answer_again() throws Exception {
        try (WsClient ada = agent("ada@shop.example", "ada password 1")) {
            Shopper shopper = shopperAsking("en", "please connect me with a real person");
            queueWith(ada, shopper.conversation());
            ada.send(Map.of("type", "take", "conversation", shopper.conversation()));
            ada.nextOfType("conversation");
            ada.send(Map.of("type", "handback", "conversation", shopper.conversation()));
            assertEquals("back_to_bot", shopper.client().next(f -> "back_to_bot".equals(f.path("key").asText())).get("key").asText());
            assertEquals("bot", shopper.client().nextOfType("state").get("state").asText());
            shopper.client().send(Map.of("type", "message", "id", "m9", "text", "Which payment methods do you accept?"));
            assertEquals("payment-methods", shopper.client().nextMessage("bot").at("/entry/id").asText());
            shopper.client().close();
        }
    }

    @Test
    void a_low_confidence_hand_off_shows_the_agent_the_candidates_and_the_thresholds() throws Exception {
        try (WsClient ada = agent("ada@shop.example", "ada password 1")) {
            Shopper shopper = shopperAsking("en", "Can you recommend a good pizza place in Rome?");
            queueWith(ada, shopper.conversation());
            ada.send(Map.of("type", "take", "conversation", shopper.conversation()));
            JsonNode card = ada.nextOfType("conversation");
            assertEquals("low_confidence", card.at("/handoff/reason").asText());
            assertEquals(3, card.at("/handoff/candidates").size());
            assertTrue(card.at("/handoff/confidence").asDouble() < 1);
            assertEquals(0.25, card.at("/handoff/handoffThreshold").asDouble(), 1e-9);
            assertEquals("en", card.at("/handoff/language").asText());
            shopper.client().close();
        }
    }

    @Test
    void the_agent_hears_how_far_the_shopper_has_seen_the_conversation_once_per_step() throws Exception {
        try (WsClient ben = agent("ben@shop.example", "ben password 1")) {
            Shopper shopper = shopperAsking("de", "Ich möchte mit einem Mitarbeiter sprechen");
            queueWith(ben, shopper.conversation());
            ben.send(Map.of("type", "take", "conversation", shopper.conversation()));
            assertEquals(0, ben.nextOfType("conversation").get("readSeq").asLong(), "nothing reported yet");
            ben.send(Map.of("type", "reply", "conversation", shopper.conversation(), "text", "Guten Tag!"));
            long reply = shopper.client().nextMessage("agent").get("seq").asLong();

            shopper.client().send(Map.of("type", "read", "seq", reply));
            JsonNode read = ben.nextOfType("read");
            assertEquals(shopper.conversation(), read.get("conversation").asText());
            assertEquals(reply, read.get("seq").asLong());
            shopper.client().send(Map.of("type", "read", "seq", reply));
            shopper.client().send(Map.of("type", "read", "seq", reply + 100));
            assertTrue(ben.drain(1_000).stream().noneMatch(f -> "read".equals(f.path("type").asText())),
                    "the same place again, or past the last message, is no news");
            ben.send(Map.of("type", "open", "conversation", shopper.conversation()));
            assertEquals(reply, ben.nextOfType("conversation").get("readSeq").asLong());
            shopper.client().close();
        }
    }

    @Test
    void with_no_agent_online_the_shopper_is_told_and_the_ticket_waits_for_the_next_agent() throws Exception {
        WsClient client = new WsClient(server.port(), "/ws/chat");
        client.send(Map.of("type", "hello", "v", 1, "locale", "fr"));
        Shopper shopper = new Shopper(client, client.nextOfType("welcome").get("conversation").asText());
        client.send(Map.of("type", "message", "id", "m1", "text", "Je voudrais parler à un conseiller"));
        JsonNode offline = shopper.client().next(f -> "offline".equals(f.path("key").asText()));
        assertFalse(offline.get("text").asText().isBlank());
        assertEquals("fr", offline.get("language").asText());
        try (WsClient ada = agent("ada@shop.example", "ada password 1")) {
            JsonNode queue = ada.nextOfType("queue");
            assertEquals(shopper.conversation(), queue.at("/items/0/conversation").asText());
        }
        shopper.client().close();
    }

    @Test
    void when_the_agent_vanishes_the_conversation_goes_back_to_the_queue_after_the_grace_period() throws Exception {
        Shopper shopper;
        try (WsClient ben = agent("ben@shop.example", "ben password 1")) {
            shopper = shopperAsking("de", "Ich möchte mit einem Mitarbeiter sprechen");
            queueWith(ben, shopper.conversation());
            ben.send(Map.of("type", "take", "conversation", shopper.conversation()));
            ben.nextOfType("conversation");
            shopper.client().next(f -> "agent".equals(f.path("state").asText()));
        }
        JsonNode waiting = shopper.client().next(f -> "waiting".equals(f.path("key").asText()));
        assertEquals("de", waiting.get("language").asText(), "told in the shopper's language");
        assertEquals("waiting", shopper.client().nextOfType("state").get("state").asText());
        try (WsClient ada = agent("ada@shop.example", "ada password 1")) {
            assertTrue(queueWith(ada, shopper.conversation()).toString().contains(shopper.conversation()));
        }
        shopper.client().close();
    }

    @Test
    void presence_shows_who_is_online_away_or_offline() throws Exception {
        try (WsClient ada = agent("ada@shop.example", "ada password 1")) {
            JsonNode presence = ada.nextOfType("presence");
            assertTrue(presence.toString().contains("\"name\":\"Ada\",\"status\":\"online\"")
                    || presence.toString().contains("\"status\":\"online\""), presence.toString());
            try (WsClient ben = agent("ben@shop.example", "ben password 1")) {
                ben.send(Map.of("type", "presence", "status", "away"));
                JsonNode away = ada.next(f -> f.path("type").asText().equals("presence") && f.toString().contains("away"));
                for (JsonNode a : away.get("agents")) {
                    assertEquals(a.get("name").asText().equals("Ben") ? "away" : "online", a.get("status").asText());
                }
            }
            JsonNode gone = ada.next(f -> f.path("type").asText().equals("presence") && f.toString().contains("offline"));
            for (JsonNode a : gone.get("agents")) {
                if (a.get("name").asText().equals("Ben")) assertEquals("offline", a.get("status").asText());
            }
        }
    }

    @Test
    void outside_business_hours_a_hand_off_is_an_offline_ticket_even_with_agents_online() throws Exception {
        server.close();
        java.time.DayOfWeek other = java.time.LocalDate.now(java.time.ZoneOffset.UTC).getDayOfWeek().plus(3);
        String day = other.name().substring(0, 3).toLowerCase(java.util.Locale.ROOT);
        server = BabelDesk.start(config(dir.resolve("chat.db").toString(),
                Map.of("BABELDESK_AGENTS_BUSINESS_HOURS", day + " 09:00-10:00 UTC")));
        try (WsClient ada = agent("ada@shop.example", "ada password 1")) {
            WsClient client = new WsClient(server.port(), "/ws/chat");
            client.send(Map.of("type", "hello", "v", 1, "locale", "en"));
            client.nextOfType("welcome");
            client.send(Map.of("type", "message", "id", "m1", "text", "I want to talk to a real person"));
            assertEquals("offline", client.next(f -> "offline".equals(f.path("key").asText())).get("key").asText());
            client.close();
        }
    }

    @Test
    void agents_search_the_knowledge_base_for_canned_answers_in_the_shoppers_language() throws Exception {
        HttpResponse<String> login = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + "/api/agent/login")).POST(HttpRequest.BodyPublishers.ofString(
                "{\"email\":\"ben@shop.example\",\"password\":\"ben password 1\"}")).build(), HttpResponse.BodyHandlers.ofString());
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        HttpResponse<String> found = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + server.port() + "/api/agent/search?q=R%C3%BCcksendung%20Frist&lang=de")).header("Cookie", cookie).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode results = new ObjectMapper().readTree(found.body());
        assertTrue(results.size() > 0, found.body());
        assertEquals("de", results.get(0).get("language").asText());
        assertTrue(found.body().contains("return-window"), found.body());
        HttpResponse<String> anonymous = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + server.port() + "/api/agent/search?q=x")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, anonymous.statusCode());
    }

    @Test
    void a_complaint_jumps_the_queue_ahead_of_an_older_request() throws Exception {
        try (WsClient ada = agent("ada@shop.example", "ada password 1")) {
            Shopper older = shopperAsking("en", "I want to talk to a real person");
            Shopper complaint = shopperAsking("en", "I want to make a formal complaint about your service");
            JsonNode queue = queueWith(ada, complaint.conversation());
            assertEquals(complaint.conversation(), queue.at("/items/0/conversation").asText(), queue.toString());
            assertEquals("complaint", queue.at("/items/0/reason").asText());
            assertTrue(queue.at("/items/0/urgent").asBoolean());
            assertEquals(older.conversation(), queue.at("/items/1/conversation").asText());
            older.client().close();
            complaint.client().close();
        }
    }
}
