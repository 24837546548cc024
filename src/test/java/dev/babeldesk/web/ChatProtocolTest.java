package dev.babeldesk.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.babeldesk.BabelDesk;
import dev.babeldesk.config.Config;
import dev.babeldesk.config.ConfigLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Protocol v1 (docs/protocol.md) against a real server on a random port, with a real websocket client. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ChatProtocolTest {
    @TempDir
    Path data;
    private BabelDesk server;

    private Config config(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(Map.of(
                "BABELDESK_SERVER_PORT", "0",
                "BABELDESK_SERVER_HOST", "127.0.0.1",
                "BABELDESK_STORAGE_DATABASE", data.resolve("chat.db").toString(),
                "BABELDESK_CHAT_ALLOWED_ORIGINS", "https://shop.example",
                "BABELDESK_CHAT_IDENTITY_SECRET", "shared-with-the-shop"));
        env.putAll(extra);
        return ConfigLoader.load(null, env);
    }

    @BeforeEach
    void start() {
        server = BabelDesk.start(config(Map.of()));
    }

    @AfterEach
    void stop() {
        if (server != null) server.close();
    }

    private WsClient client() throws Exception {
        return new WsClient(server.port(), "/ws/chat");
    }

    /** A client with a fresh conversation open (welcome, greeting and state received). */
    private WsClient opened() throws Exception {
        WsClient c = client();
        c.send(hello(null, 0));
        c.nextOfType("state");
        return c;
    }

    private static Map<String, Object> hello(String resume, long lastSeq) {
        Map<String, Object> hello = new HashMap<>(Map.of("type", "hello", "v", 1, "locale", "en-GB", "lastSeq", lastSeq));
        if (resume != null) hello.put("resume", resume);
        return hello;
    }

    private static Map<String, Object> message(String id, String text) {
        return Map.of("type", "message", "id", id, "text", text);
    }

    @Test
    void hello_opens_a_conversation_with_a_greeting_and_the_bot_state() throws Exception {
        try (WsClient c = client()) {
            c.send(hello(null, 0));
            JsonNode welcome = c.nextOfType("welcome");
            assertEquals(1, welcome.get("v").asInt());
            assertTrue(welcome.get("conversation").asText().startsWith("c_"));
            assertTrue(welcome.get("resume").asText().length() >= 43, "32 random bytes, base64url");
            assertFalse(welcome.get("resumed").asBoolean());
            JsonNode greeting = c.nextMessage("system");
            assertEquals(1, greeting.get("seq").asLong());
            assertEquals("greeting", greeting.get("key").asText());
            assertFalse(greeting.get("text").asText().isBlank());
            assertEquals("bot", c.nextOfType("state").get("state").asText());
        }
    }

    @Test
    void a_question_is_stored_echoed_and_answered_with_consecutive_numbers() throws Exception {
        try (WsClient c = opened()) {
            c.send(message("m-1", "How long do I have to send an item back?"));
            JsonNode echo = c.nextMessage("shopper");
            assertEquals("m-1", echo.get("id").asText());
            assertEquals(2, echo.get("seq").asLong());
            JsonNode answer = c.nextMessage("bot");
            assertEquals(3, answer.get("seq").asLong());
            assertEquals("answer", answer.get("decision").asText());
            assertEquals("return-window", answer.at("/entry/id").asText());
            assertTrue(answer.get("html").asText().startsWith("<p>"));
            assertEquals("en", answer.get("language").asText());
        }
    }

    @Test
    void a_german_question_gets_the_german_answer() throws Exception {
        try (WsClient c = opened()) {
            c.send(message("m-1", "Wann bekomme ich mein Geld zurück?"));
            JsonNode answer = c.nextMessage("bot");
            assertEquals("de", answer.get("language").asText());
            assertEquals("refund-time", answer.at("/entry/id").asText());
            assertTrue(answer.get("html").asText().contains("Werktag"), answer.get("html").asText());
        }
    }

    @Test
    void a_resent_message_with_the_same_client_id_is_stored_once() throws Exception {
        String token;
        try (WsClient c = client()) {
            c.send(hello(null, 0));
            token = c.nextOfType("welcome").get("resume").asText();
            c.nextOfType("state");
            c.send(message("same-id", "Which payment methods do you accept?"));
            long first = c.nextMessage("shopper").get("seq").asLong();
            c.nextMessage("bot");
            c.send(message("same-id", "Which payment methods do you accept?"));
            JsonNode again = c.nextMessage("shopper");
            assertEquals(first, again.get("seq").asLong(), "the stored copy, not a new message");
            assertTrue(c.drain(500).stream().noneMatch(f -> f.path("from").asText().equals("bot")), "no second answer");
        }
        try (WsClient c = client()) {
            c.send(hello(token, 0));
            List<JsonNode> history = c.drain(1500).stream().filter(f -> f.path("type").asText().equals("message")).toList();
            assertEquals(3, history.size(), "greeting, question, answer: " + history);
        }
    }

    @Test
    void a_reconnecting_client_gets_every_message_after_its_last_seq_exactly_once() throws Exception {
        String token;
        try (WsClient c = client()) {
            c.send(hello(null, 0));
            token = c.nextOfType("welcome").get("resume").asText();
            c.send(message("a", "How long do I have to send an item back?"));
            c.nextMessage("bot");
            c.send(message("b", "Which payment methods do you accept?"));
            c.nextMessage("bot");
        }
        try (WsClient c = client()) {
            c.send(hello(token, 3));
            JsonNode welcome = c.nextOfType("welcome");
            assertTrue(welcome.get("resumed").asBoolean());
            List<Long> seqs = c.drain(1500).stream().filter(f -> f.path("type").asText().equals("message"))
                    .map(f -> f.get("seq").asLong()).toList();
            assertEquals(List.of(4L, 5L), seqs);
        }
    }

    @Test
    void everything_survives_a_restart_of_the_server() throws Exception {
        String token;
        try (WsClient c = client()) {
            c.send(hello(null, 0));
            token = c.nextOfType("welcome").get("resume").asText();
            c.send(message("a", "How long do I have to send an item back?"));
            c.nextMessage("bot");
        }
        server.close();
        server = BabelDesk.start(config(Map.of()));
        try (WsClient c = client()) {
            c.send(hello(token, 0));
            assertTrue(c.nextOfType("welcome").get("resumed").asBoolean());
            List<JsonNode> history = c.drain(1500).stream().filter(f -> f.path("type").asText().equals("message")).toList();
            assertEquals(3, history.size());
            assertEquals("return-window", history.get(2).at("/entry/id").asText());
            c.send(message("b", "Which payment methods do you accept?"));
            assertEquals(5, c.nextMessage("bot").get("seq").asLong());
        }
    }

    @Test
    void one_shopper_cannot_reach_another_shoppers_conversation() throws Exception {
        String secret = "my order 4711 goes to Example Street 1";
        String conversation;
        try (WsClient alice = client()) {
            alice.send(hello(null, 0));
            conversation = alice.nextOfType("welcome").get("conversation").asText();
            alice.send(message("a", secret));
            alice.nextMessage("shopper");
        }
        for (String guess : new String[] {conversation, "", "AAAA", "x".repeat(43)}) {
            try (WsClient mallory = client()) {
                mallory.send(hello(guess, 0));
                JsonNode welcome = mallory.nextOfType("welcome");
                assertFalse(welcome.get("resumed").asBoolean());
                assertNotEquals(conversation, welcome.get("conversation").asText());
                assertTrue(mallory.drain(800).stream().noneMatch(f -> f.toString().contains("4711")));
            }
        }
    }

    @Test
    void bad_frames_get_an_error_and_the_connection_stays_usable() throws Exception {
        try (WsClient c = client()) {
            c.send("not json at all");
            assertEquals("malformed_frame", c.nextOfType("error").get("code").asText());
            c.send("[1,2,3]");
            assertEquals("malformed_frame", c.nextOfType("error").get("code").asText());
            c.send(Map.of("type", "message", "id", "x", "text", "hi"));
            assertEquals("hello_required", c.nextOfType("error").get("code").asText());
            c.send(Map.of("type", "teleport"));
            assertEquals("unknown_type", c.nextOfType("error").get("code").asText());
            c.send(hello(null, 0));
            c.nextOfType("state");
            c.send(Map.of("type", "message", "id", "bad id with spaces", "text", "hi"));
            assertEquals("invalid_field", c.nextOfType("error").get("code").asText());
            c.send(Map.of("type", "message", "id", "ok", "text", ""));
            assertEquals("invalid_field", c.nextOfType("error").get("code").asText());
            c.send(message("long", "a".repeat(2001)));
            JsonNode tooLong = c.nextOfType("error");
            assertEquals("message_too_long", tooLong.get("code").asText());
            assertEquals("long", tooLong.get("ref").asText());
            c.send(Map.of("type", "feedback", "seq", 999, "helpful", false));
            assertEquals("unknown_message", c.nextOfType("error").get("code").asText());
            c.send(Map.of("type", "choose", "entry", "not-offered", "seq", 1));
            assertEquals("unknown_entry", c.nextOfType("error").get("code").asText());
            c.send(Map.of("type", "ping"));
            c.nextOfType("pong");
            c.send(message("fine", "Which payment methods do you accept?"));
            JsonNode echo = c.nextMessage("shopper");
            assertEquals(2, echo.get("seq").asLong(), "nothing refused was stored");
        }
    }

    @Test
    void a_frame_far_over_the_limit_closes_the_connection_with_1009() throws Exception {
        try (WsClient c = opened()) {
            try {
                c.send("{\"type\":\"message\",\"id\":\"x\",\"text\":\"" + "a".repeat(100_000) + "\"}");
            } catch (java.util.concurrent.ExecutionException cutOff) {
                // the server may close the connection before the client has finished writing the frame
            }
            assertEquals(1009, c.closeCode.get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void too_many_messages_are_refused_and_a_flood_is_disconnected() throws Exception {
        server.close();
        server = BabelDesk.start(config(Map.of("BABELDESK_CHAT_RATE_LIMIT", "3")));
        try (WsClient c = opened()) {
            for (int i = 0; i < 4; i++) c.send(message("m" + i, "hello number " + i));
            assertEquals("rate_limited", c.nextOfType("error").get("code").asText());
            for (int i = 0; i < 20 && !c.closeCode.isDone(); i++) {
                try {
                    c.send(message("f" + i, "flood " + i));
                } catch (java.util.concurrent.ExecutionException closedMeanwhile) {
                    break; // the server may cut the flood off before the client has sent all of it
                }
            }
            assertEquals(1008, c.closeCode.get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void read_reports_have_their_own_allowance_and_do_not_use_up_the_shoppers_for_writing() throws Exception {
        server.close();
        server = BabelDesk.start(config(Map.of("BABELDESK_CHAT_RATE_LIMIT", "3")));
        try (WsClient c = opened()) {
            for (int i = 0; i < 3; i++) c.send(Map.of("type", "read", "seq", 1));
            c.send(message("m1", "where is my parcel"));
            JsonNode echoed = c.next(f -> "message".equals(f.path("type").asText()) && "m1".equals(f.path("id").asText())
                    || "error".equals(f.path("type").asText()));
            assertEquals("message", echoed.get("type").asText(), "the question is taken after three read reports: " + echoed);
            c.send(Map.of("type", "read", "seq", 1));
            JsonNode refused = c.nextOfType("error");
            assertEquals("rate_limited", refused.get("code").asText(), "a fourth read report in the window is refused");
            assertEquals("read", refused.get("ref").asText());
        }
    }

    @Test
    void a_page_from_another_site_is_refused_and_the_configured_shop_is_accepted() throws Exception {
        try (WsClient stranger = new WsClient(server.port(), "/ws/chat", "https://copycat.example")) {
            assertEquals(1008, stranger.closeCode.get(10, TimeUnit.SECONDS));
        }
        try (WsClient shop = new WsClient(server.port(), "/ws/chat", "https://shop.example")) {
            shop.send(hello(null, 0));
            shop.nextOfType("welcome");
        }
        try (WsClient own = new WsClient(server.port(), "/ws/chat", "http://127.0.0.1:" + server.port())) {
            own.send(hello(null, 0));
            own.nextOfType("welcome");
        }
    }

    @Test
    void a_clarify_choice_is_answered_with_the_chosen_entry() throws Exception {
        try (WsClient c = opened()) {
            c.send(message("q", "where is my parcel"));
            JsonNode clarify = c.nextMessage("bot");
            assertEquals("clarify", clarify.get("decision").asText(), clarify.toString());
            assertTrue(clarify.get("choices").size() >= 2);
            String picked = clarify.get("choices").get(1).get("id").asText();
            c.send(Map.of("type", "choose", "entry", picked, "seq", clarify.get("seq").asLong()));
            JsonNode answer = c.nextMessage("bot");
            assertEquals(picked, answer.at("/entry/id").asText());
            assertEquals("answer", answer.get("decision").asText());
        }
    }

    @Test
    void not_helpful_offers_other_answers_and_twice_not_helpful_brings_a_person() throws Exception {
        try (WsClient c = opened()) {
            c.send(message("q", "How long do I have to send an item back?"));
            JsonNode answer = c.nextMessage("bot");
            c.send(Map.of("type", "feedback", "seq", answer.get("seq").asLong(), "helpful", false));
            JsonNode others = c.nextMessage("bot");
            assertEquals("clarify", others.get("decision").asText());
            for (JsonNode choice : others.get("choices")) assertNotEquals("return-window", choice.get("id").asText());
            c.send(Map.of("type", "choose", "entry", others.at("/choices/0/id").asText(), "seq", others.get("seq").asLong()));
            JsonNode second = c.nextMessage("bot");
            c.send(Map.of("type", "feedback", "seq", second.get("seq").asLong(), "helpful", false));
            JsonNode waiting = c.nextMessage("system");
            assertEquals("waiting", waiting.get("key").asText());
            JsonNode state = c.nextOfType("state");
            assertEquals("waiting", state.get("state").asText());
            assertTrue(state.get("position").asInt() >= 1);
        }
    }

    @Test
    void a_pick_among_the_answers_offered_after_a_thumbs_down_counts_for_the_question_voted_down() throws Exception {
        String picked;
        try (WsClient c = opened()) {
            c.send(message("q1", "How long do I have to send an item back?"));
            JsonNode answer = c.nextMessage("bot");
            c.send(message("q2", "Can I pay with Apple Pay?"));
            c.nextMessage("bot");
            c.send(Map.of("type", "feedback", "seq", answer.get("seq").asLong(), "helpful", false));
            JsonNode others = c.nextMessage("bot");
            picked = others.at("/choices/0/id").asText();
            c.send(Map.of("type", "choose", "entry", picked, "seq", others.get("seq").asLong()));
            assertEquals(picked, c.nextMessage("bot").at("/entry/id").asText());
        }
        java.time.Instant now = java.time.Instant.now();
        List<dev.babeldesk.insight.BotTurn> turns = new dev.babeldesk.storage.JdbcInsightStore(
                dev.babeldesk.storage.Database.open(data.resolve("chat.db").toString())).turns(now.minusSeconds(600), now.plusSeconds(60));
        assertEquals(2, turns.size(), turns.toString());
        assertEquals("How long do I have to send an item back?", turns.get(0).question());
        assertEquals(picked, turns.get(0).chosenEntry(), "the replacement picked belongs to the question voted down");
        assertEquals(Boolean.FALSE, turns.get(0).helpful());
        assertNull(turns.get(1).chosenEntry(), "not to the question asked since");
    }

    @Test
    void asking_for_a_person_puts_the_conversation_in_the_queue_and_the_bot_stops_answering() throws Exception {
        try (WsClient c = opened()) {
            c.send(Map.of("type", "request_human"));
            assertEquals("waiting", c.nextMessage("system").get("key").asText());
            assertEquals("waiting", c.nextOfType("state").get("state").asText());
            c.send(Map.of("type", "request_human"));
            assertTrue(c.drain(500).stream().noneMatch(f -> f.path("key").asText().equals("waiting")), "no second hand-off");
            c.send(message("later", "How long do I have to send an item back?"));
            assertEquals("later", c.nextMessage("shopper").get("id").asText());
            assertTrue(c.drain(800).stream().noneMatch(f -> f.path("from").asText().equals("bot")),
                    "the bot does not answer while a person is awaited; the message is kept for the agent");
        }
    }

    @Test
    void closing_ends_the_conversation_and_a_new_hello_starts_a_fresh_one() throws Exception {
        String token;
        try (WsClient c = client()) {
            c.send(hello(null, 0));
            token = c.nextOfType("welcome").get("resume").asText();
            c.nextOfType("state");
            c.send(Map.of("type", "close"));
            assertEquals("closed", c.nextMessage("system").get("key").asText());
            assertEquals("closed", c.nextOfType("state").get("state").asText());
            c.send(message("after", "hello?"));
            assertEquals("closed", c.nextOfType("error").get("code").asText());
        }
        try (WsClient c = client()) {
            c.send(hello(token, 0));
            JsonNode welcome = c.nextOfType("welcome");
            assertFalse(welcome.get("resumed").asBoolean(), "a closed conversation is not resumed");
            assertEquals("bot", welcome.get("state").asText());
        }
    }

    @Test
    void a_shopper_signed_by_the_shop_is_verified_and_a_typed_identity_is_not() throws Exception {
        long now = java.time.Instant.now().getEpochSecond();
        String good = dev.babeldesk.conversation.IdentityVerifier.sign("shared-with-the-shop", "cust-7", "ana@example.com",
                "Ana", now);
        try (WsClient c = opened()) {
            c.send(Map.of("type", "identify", "id", "cust-7", "email", "ana@example.com", "name", "Ana",
                    "timestamp", now, "signature", good));
            assertTrue(c.nextOfType("identified").get("verified").asBoolean());
            c.send(Map.of("type", "identify", "id", "cust-7", "email", "mallory@example.com", "name", "Ana",
                    "timestamp", now, "signature", good));
            assertFalse(c.nextOfType("identified").get("verified").asBoolean());
            c.send(Map.of("type", "identify", "email", "typed@example.com"));
            assertFalse(c.nextOfType("identified").get("verified").asBoolean());
        }
    }

    @Test
    void typing_is_accepted_silently() throws Exception {
        try (WsClient c = opened()) {
            c.send(Map.of("type", "typing", "on", true));
            c.send(Map.of("type", "typing", "on", false));
            assertTrue(c.drain(500).stream().noneMatch(f -> f.path("type").asText().equals("error")));
        }
    }

    @Test
    void the_conversation_keeps_its_language_for_short_messages_and_follows_a_clear_switch() throws Exception {
        try (WsClient c = opened()) {
            c.send(message("de", "Wann bekomme ich mein Geld zurück?"));
            assertEquals("de", c.nextMessage("bot").get("language").asText());
            c.send(message("short", "Paypal?"));
            assertEquals("de", c.nextMessage("bot").get("language").asText(), "too short to change the language");
            c.send(message("en", "Which payment methods do you accept?"));
            assertEquals("en", c.nextMessage("bot").get("language").asText());
        }
    }

    @Test
    void writing_again_instead_of_picking_a_choice_and_getting_choices_again_brings_a_person() throws Exception {
        server.close();
        server = BabelDesk.start(config(Map.of("BABELDESK_ANSWERING_ANSWER_THRESHOLD", "1.0",
                "BABELDESK_ANSWERING_HANDOFF_THRESHOLD", "0.0")));
        try (WsClient c = opened()) {
            c.send(message("q1", "where is my parcel"));
            assertEquals("clarify", c.nextMessage("bot").get("decision").asText());
            c.send(message("q2", "my package has not arrived yet"));
            JsonNode waiting = c.nextMessage("system");
            assertEquals("waiting", waiting.get("key").asText());
            assertEquals("waiting", c.nextOfType("state").get("state").asText());
        }
    }

    @Test
    void clear_anger_brings_a_person_at_once() throws Exception {
        try (WsClient c = opened()) {
            c.send(message("q1", "This is ridiculous, my parcel is three weeks late!"));
            assertEquals("waiting", c.nextMessage("system").get("key").asText());
        }
    }
}
