package dev.babeldesk.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.babeldesk.BabelDesk;
import dev.babeldesk.config.ConfigLoader;
import dev.babeldesk.handoff.Role;
import dev.babeldesk.storage.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A shopper's request about their personal data, against a real server and database: the admin
 * finds their conversations, downloads one whole, and erases it with everything kept about it.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PrivacyApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path dir;
    private String database;
    private BabelDesk server;
    private String admin;

    @BeforeEach
    void start() {
        database = dir.resolve("privacy.db").toString();
        TestAgents.create(database, agents -> {
            agents.create("admin@shop.example", "Ada", List.of("en"), 3, Role.ADMIN, "admin password 1");
            agents.create("agent@shop.example", "Ben", List.of("en"), 2, Role.AGENT, "agent password 1");
        });
        server = BabelDesk.start(ConfigLoader.load(null, Map.of("BABELDESK_SERVER_PORT", "0",
                "BABELDESK_STORAGE_DATABASE", database)));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> call(String method, String path, String cookie) throws Exception {
        return Http.call(server.port(), method, path, null, cookie);
    }

    private JsonNode find(String query) throws Exception {
        HttpResponse<String> r = call("GET", "/api/admin/privacy/conversations?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8), admin());
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body()).get("conversations");
    }

    private String admin() throws Exception {
        if (admin == null) admin = Http.login(server.port(), "admin@shop.example", "admin password 1");
        return admin;
    }

    /** A shopper who says who they are and asks two questions; returns the conversation id and resume token. */
    private String[] identifiedShopperChats(String email, String name) throws Exception {
        return identifiedShopperChats(email, name, "My order 12345 to Rue Lepic 7 never came");
    }

    private String[] identifiedShopperChats(String email, String name, String firstMessage) throws Exception {
        try (WsClient c = new WsClient(server.port(), "/ws/chat")) {
            c.send(Map.of("type", "hello", "v", 1, "locale", "en"));
            JsonNode welcome = c.nextOfType("welcome");
            c.send(Map.of("type", "identify", "id", "cust-42", "email", email, "name", name));
            c.nextOfType("identified");
            c.send(Map.of("type", "message", "id", "m1", "text", firstMessage));
            c.nextMessage("bot");
            c.send(Map.of("type", "message", "id", "m2", "text", "how long do I have to return an item"));
            c.nextMessage("bot");
            return new String[] {welcome.get("conversation").asText(), welcome.get("resume").asText()};
        }
    }

    private int rows(String sql, String conversation) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + database);
             var s = c.prepareStatement(sql)) {
            s.setString(1, conversation);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }

    @Test
    void a_shopper_deletes_their_own_conversation_from_the_widget_and_every_open_tab_of_it_is_told() throws Exception {
        try (WsClient tab = new WsClient(server.port(), "/ws/chat"); WsClient otherTab = new WsClient(server.port(), "/ws/chat")) {
            tab.send(Map.of("type", "hello", "v", 1, "locale", "en"));
            JsonNode welcome = tab.nextOfType("welcome");
            String conversation = welcome.get("conversation").asText();
            otherTab.send(Map.of("type", "hello", "v", 1, "locale", "en", "resume", welcome.get("resume").asText()));
            assertTrue(otherTab.nextOfType("welcome").get("resumed").asBoolean());
            tab.send(Map.of("type", "message", "id", "m1", "text", "My order 55501 to Quai Voltaire 9 never came"));
            tab.nextMessage("bot");
            assertEquals(1, find("quai voltaire").size());

            tab.send(Map.of("type", "erase"));
            tab.nextOfType("erased");
            otherTab.nextOfType("erased");
            assertEquals(0, find("quai voltaire").size(), "gone from the database");
            assertEquals(0, find(conversation).size());
            assertEquals(0, rows("SELECT COUNT(*) FROM messages WHERE conversation_id = ?", conversation));
            otherTab.send(Map.of("type", "message", "id", "m2", "text", "hello?"));
            assertEquals("closed", otherTab.nextOfType("error").get("code").asText(), "the old conversation takes nothing more");
        }
    }

    @Test
    void while_a_person_has_it_or_it_waits_for_one_a_shopper_cannot_delete_the_conversation() throws Exception {
        try (WsClient tab = new WsClient(server.port(), "/ws/chat")) {
            tab.send(Map.of("type", "hello", "v", 1, "locale", "en"));
            String conversation = tab.nextOfType("welcome").get("conversation").asText();
            tab.send(Map.of("type", "request_human"));
            tab.next(f -> "waiting".equals(f.path("state").asText()));
            tab.send(Map.of("type", "erase"));
            JsonNode refused = tab.nextOfType("error");
            assertEquals("erase_refused", refused.get("code").asText());
            assertEquals("erase", refused.get("ref").asText());
            assertEquals(1, find(conversation).size(), "kept for the agent");
        }
    }

    @Test
    void an_admin_finds_a_shoppers_conversations_by_email_shop_id_conversation_id_or_what_they_wrote() throws Exception {
        String conversation = identifiedShopperChats("Mia.Rossi@example.com", "Mia Rossi")[0];
        identifiedShopperChats("someone.else@example.com", "Else", "My parcel to Via Roma 3 never came");

        JsonNode byEmail = find("mia.rossi@EXAMPLE.com");
        assertEquals(1, byEmail.size(), byEmail.toString());
        assertEquals(conversation, byEmail.at("/0/id").asText());
        assertEquals("email", byEmail.at("/0/matchedBy").asText());
        assertEquals("Mia Rossi", byEmail.at("/0/shopper/name").asText());
        assertFalse(byEmail.at("/0/shopper/verified").asBoolean(), "identified without the shop's signature");
        assertTrue(byEmail.at("/0/messages").asInt() >= 5, "greeting, two questions, two answers");

        assertEquals(2, find("cust-42").size(), "both chats of the same shop account id");
        assertEquals("conversation", find(conversation).at("/0/matchedBy").asText());
        JsonNode byText = find("rue lepic");
        assertEquals(1, byText.size());
        assertEquals("text", byText.at("/0/matchedBy").asText());
        assertEquals(0, find("text").size(), "the stored message's JSON keys are not what the shopper wrote");
        assertEquals(0, find("nobody@example.com").size());

        assertEquals(400, call("GET", "/api/admin/privacy/conversations?q=ab", admin()).statusCode());
        assertEquals(400, call("GET", "/api/admin/privacy/conversations?q=" + "a".repeat(321), admin()).statusCode());
    }

    @Test
    void the_download_holds_the_whole_conversation_and_the_shoppers_details() throws Exception {
        String conversation = identifiedShopperChats("mia@example.com", "Mia")[0];
        HttpResponse<String> r = call("GET", "/api/admin/privacy/conversations/" + conversation, admin());
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Disposition").orElse("").contains("babeldesk-conversation-" + conversation + ".json"));
        JsonNode export = JSON.readTree(r.body());
        assertEquals(conversation, export.at("/conversation/id").asText());
        assertEquals("mia@example.com", export.at("/shopper/email").asText());
        List<String> texts = new java.util.ArrayList<>();
        export.get("messages").forEach(m -> texts.add(m.path("from").asText() + ": " + m.path("text").asText()));
        assertTrue(texts.contains("shopper: My order 12345 to Rue Lepic 7 never came"), texts.toString());
        assertTrue(export.get("messages").toString().contains("\"from\":\"bot\""), "the bot's answers too");
        assertEquals(404, call("GET", "/api/admin/privacy/conversations/c_nope", admin()).statusCode());
    }

    @Test
    void erasing_removes_the_conversation_and_everything_kept_about_it() throws Exception {
        String[] chat = identifiedShopperChats("mia@example.com", "Mia");
        String conversation = chat[0];
        assertTrue(rows("SELECT COUNT(*) FROM bot_turns WHERE conversation_id = ?", conversation) >= 2, "insight kept the questions");

        HttpResponse<String> erased = call("DELETE", "/api/admin/privacy/conversations/" + conversation, admin());
        assertEquals(200, erased.statusCode(), erased.body());
        for (String table : List.of("messages", "events", "bot_turns")) {
            assertEquals(0, rows("SELECT COUNT(*) FROM " + table + " WHERE conversation_id = ?", conversation), table);
        }
        assertEquals(0, rows("SELECT COUNT(*) FROM conversations WHERE id = ?", conversation));
        assertEquals(0, find("mia@example.com").size());
        assertEquals(404, call("GET", "/api/admin/privacy/conversations/" + conversation, admin()).statusCode());
        assertEquals(404, call("DELETE", "/api/admin/privacy/conversations/" + conversation, admin()).statusCode());

        // The shopper's browser still holds the resume token: it now starts afresh, with nothing of before.
        try (WsClient c = new WsClient(server.port(), "/ws/chat")) {
            c.send(Map.of("type", "hello", "v", 1, "locale", "en", "resume", chat[1]));
            JsonNode welcome = c.nextOfType("welcome");
            assertNotEquals(conversation, welcome.get("conversation").asText());
            assertFalse(welcome.get("resumed").asBoolean());
        }
    }

    @Test
    void a_shopper_still_connected_when_their_conversation_is_erased_is_told_it_is_closed_and_nothing_is_stored() throws Exception {
        try (WsClient c = new WsClient(server.port(), "/ws/chat")) {
            c.send(Map.of("type", "hello", "v", 1, "locale", "en"));
            String conversation = c.nextOfType("welcome").get("conversation").asText();
            c.send(Map.of("type", "message", "id", "m1", "text", "where is my parcel"));
            c.nextMessage("bot");
            assertEquals(200, call("DELETE", "/api/admin/privacy/conversations/" + conversation, admin()).statusCode());

            c.send(Map.of("type", "message", "id", "m2", "text", "hello again"));
            JsonNode error = c.nextOfType("error");
            assertEquals("closed", error.get("code").asText(), "not a server error the widget would resend for ever");
            assertEquals("m2", error.get("ref").asText());
            assertEquals(0, rows("SELECT COUNT(*) FROM conversations WHERE id = ?", conversation));
            assertEquals(0, rows("SELECT COUNT(*) FROM messages WHERE conversation_id = ?", conversation));
        }
    }

    @Test
    void a_conversation_a_person_is_handling_is_not_erased_until_closed() throws Exception {
        String conversation;
        try (WsClient c = new WsClient(server.port(), "/ws/chat")) {
            c.send(Map.of("type", "hello", "v", 1, "locale", "en"));
            conversation = c.nextOfType("welcome").get("conversation").asText();
            c.send(Map.of("type", "request_human"));
            c.next(f -> "waiting".equals(f.path("state").asText()));
        }
        HttpResponse<String> refused = call("DELETE", "/api/admin/privacy/conversations/" + conversation, admin());
        assertEquals(409, refused.statusCode());
        assertEquals("open_conversation", JSON.readTree(refused.body()).get("error").asText());
        assertEquals(1, rows("SELECT COUNT(*) FROM conversations WHERE id = ?", conversation));
    }

    @Test
    void only_admins_reach_any_of_it() throws Exception {
        String conversation = identifiedShopperChats("mia@example.com", "Mia")[0];
        String agent = Http.login(server.port(), "agent@shop.example", "agent password 1");
        for (String[] request : List.of(new String[] {"GET", "/api/admin/privacy/conversations?q=mia@example.com"},
                new String[] {"GET", "/api/admin/privacy/conversations/" + conversation},
                new String[] {"DELETE", "/api/admin/privacy/conversations/" + conversation})) {
            assertEquals(401, call(request[0], request[1], null).statusCode(), request[1]);
            assertEquals(403, call(request[0], request[1], agent).statusCode(), request[1]);
        }
        assertEquals(1, rows("SELECT COUNT(*) FROM conversations WHERE id = ?", conversation), "still there");
    }

    @Test
    void with_a_retention_period_the_server_erases_idle_conversations_by_itself() throws Exception {
        server.close();
        var store = new dev.babeldesk.storage.JdbcConversationStore(Database.open(database),
                Clock.offset(Clock.systemUTC(), Duration.ofDays(-2)));
        String old = store.create("hash-old", "en", "/").id();
        String fresh = new dev.babeldesk.storage.JdbcConversationStore(Database.open(database), Clock.systemUTC())
                .create("hash-fresh", "en", "/").id();
        server = BabelDesk.start(ConfigLoader.load(null, Map.of("BABELDESK_SERVER_PORT", "0",
                "BABELDESK_STORAGE_DATABASE", database, "BABELDESK_PRIVACY_RETENTION_DAYS", "1")));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (rows("SELECT COUNT(*) FROM conversations WHERE id = ?", old) == 1 && System.nanoTime() < deadline) Thread.sleep(100);
        assertEquals(0, rows("SELECT COUNT(*) FROM conversations WHERE id = ?", old), "two days idle, one day kept");
        assertEquals(1, rows("SELECT COUNT(*) FROM conversations WHERE id = ?", fresh));
        assertEquals(1, JSON.readTree(call("GET", "/api/admin/privacy/conversations?q=" + fresh, admin()).body())
                .get("retentionDays").asInt());
    }
}
