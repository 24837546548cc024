package dev.babeldesk.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.babeldesk.BabelDesk;
import dev.babeldesk.config.ConfigLoader;
import dev.babeldesk.handoff.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pictures shoppers send, against a real server, database and websockets: uploaded from the shop's
 * page with the resume token, handed to a person, seen in the agent's console, and seen by nobody
 * else; every bad upload answered with a clear error and nothing stored.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PhotoApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String SHOP = "https://shop.example";
    @TempDir
    Path dir;
    private String database;
    private BabelDesk server;

    private void start(Map<String, String> settings) {
        database = dir.resolve("photos.db").toString();
        TestAgents.create(database, agents -> {
            agents.create("ben@shop.example", "Ben", List.of("en"), 2, Role.AGENT, "ben password 1");
            agents.create("ada@shop.example", "Ada", List.of("en"), 2, Role.ADMIN, "ada password 1");
        });
        Map<String, String> env = new HashMap<>(Map.of("BABELDESK_SERVER_PORT", "0", "BABELDESK_STORAGE_DATABASE", database,
                "BABELDESK_CHAT_ALLOWED_ORIGINS", SHOP));
        env.putAll(settings);
        server = BabelDesk.start(ConfigLoader.load(null, env));
    }

    @AfterEach
    void stop() {
        if (server != null) server.close();
    }

    static byte[] jpeg(int width, int height) throws Exception {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.ORANGE);
        g.fillRect(0, 0, width, height);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpeg", out);
        return out.toByteArray();
    }

    private HttpResponse<byte[]> send(String method, String path, byte[] body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (headers.length > 0) b.headers(headers);
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpResponse<byte[]> upload(String token, String clientId, byte[] picture) throws Exception {
        return send("POST", "/api/chat/photos?id=" + clientId, picture, "Authorization", "Bearer " + token,
                "Content-Type", "image/jpeg", "Origin", SHOP);
    }

    private static JsonNode json(HttpResponse<byte[]> r) throws Exception {
        return JSON.readTree(new String(r.body(), StandardCharsets.UTF_8));
    }

    private static String error(HttpResponse<byte[]> r) throws Exception {
        return r.statusCode() + " " + json(r).path("error").asText();
    }

    /** Opens a chat as the shop's page does; returns {conversation, resume token}. */
    private static String[] hello(WsClient shopper) throws Exception {
        shopper.send(Map.of("type", "hello", "v", 1, "locale", "en"));
        JsonNode welcome = shopper.nextOfType("welcome");
        return new String[] {welcome.get("conversation").asText(), welcome.get("resume").asText()};
    }

    private int photoRows(String conversation) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + database);
             var s = c.prepareStatement("SELECT COUNT(*) FROM photos WHERE conversation_id = ?")) {
            s.setString(1, conversation);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }

    @Test
    void a_shoppers_photo_goes_to_a_person_who_sees_it_in_the_console_and_nobody_else_can_fetch_it() throws Exception {
        start(Map.of());
        String cookie = Http.login(server.port(), "ben@shop.example", "ben password 1");
        try (WsClient ben = new WsClient(server.port(), "/ws/agent", Map.of("Cookie", cookie));
             WsClient shopper = new WsClient(server.port(), "/ws/chat", SHOP);
             WsClient stranger = new WsClient(server.port(), "/ws/chat", SHOP)) {
            ben.nextOfType("welcome");
            shopper.send(Map.of("type", "hello", "v", 1, "locale", "en"));
            JsonNode welcome = shopper.nextOfType("welcome");
            assertEquals(5120 * 1024, welcome.at("/photos/maxBytes").asInt(), "the widget learns the limit");
            String conversation = welcome.get("conversation").asText();
            String token = welcome.get("resume").asText();

            HttpResponse<byte[]> r = upload(token, "p1", jpeg(640, 480));
            assertEquals(201, r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
            assertEquals(SHOP, r.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
            JsonNode stored = json(r);
            String photoId = stored.at("/photo/id").asText();
            assertEquals(640, stored.at("/photo/width").asInt());
            assertEquals("p1", stored.get("id").asText());

            JsonNode shown = shopper.nextMessage("shopper");
            assertEquals(photoId, shown.at("/photo/id").asText(), "every tab of the conversation shows it");
            assertTrue(shown.path("text").isMissingNode(), "a picture has no text");
            shopper.next(f -> "waiting".equals(f.path("key").asText()));
            assertEquals("waiting", shopper.next(f -> "state".equals(f.path("type").asText())).get("state").asText(),
                    "the bot cannot look at pictures: a person takes over");

            JsonNode queue = ben.next(f -> "queue".equals(f.path("type").asText()) && f.get("items").size() == 1);
            assertEquals("photo", queue.at("/items/0/reason").asText());
            assertEquals("[photo]", queue.at("/items/0/preview").asText());
            ben.send(Map.of("type", "take", "conversation", conversation));
            JsonNode card = ben.nextOfType("conversation");
            assertTrue(card.get("messages").toString().contains(photoId), "the transcript carries the picture");

            HttpResponse<byte[]> seen = send("GET", "/api/agent/photos/" + photoId, null, "Cookie", cookie);
            assertEquals(200, seen.statusCode());
            assertEquals("image/jpeg", seen.headers().firstValue("Content-Type").orElse(""));
            assertEquals("nosniff", seen.headers().firstValue("X-Content-Type-Options").orElse(""));
            assertTrue(seen.headers().firstValue("Content-Security-Policy").orElse("").contains("sandbox"));
            assertEquals(640, ImageIO.read(new ByteArrayInputStream(seen.body())).getWidth());

            HttpResponse<byte[]> own = send("GET", "/api/chat/photos/" + photoId, null, "Authorization", "Bearer " + token, "Origin", SHOP);
            assertEquals(200, own.statusCode());
            assertArrayEquals(seen.body(), own.body());
            assertEquals("no-store", own.headers().firstValue("Cache-Control").orElse(""),
                    "a shared computer keeps no copy once the shopper deletes the conversation");

            String strangersToken = hello(stranger)[1];
            HttpResponse<byte[]> other = send("GET", "/api/chat/photos/" + photoId, null, "Authorization", "Bearer " + strangersToken);
            assertEquals("404 not_found", error(other), "another shopper's picture is not there for them");
            assertEquals("401 unauthorized", error(send("GET", "/api/chat/photos/" + photoId, null)));
            assertEquals("401 unauthorized", error(send("GET", "/api/chat/photos/" + photoId, null, "Authorization", "Bearer guessed")));
            assertEquals(401, send("GET", "/api/agent/photos/" + photoId, null).statusCode(), "agents log in first");
        }
    }

    @Test
    void a_photo_while_a_person_has_the_conversation_reaches_that_agent_and_hands_off_nothing() throws Exception {
        start(Map.of());
        String cookie = Http.login(server.port(), "ben@shop.example", "ben password 1");
        try (WsClient ben = new WsClient(server.port(), "/ws/agent", Map.of("Cookie", cookie));
             WsClient shopper = new WsClient(server.port(), "/ws/chat", SHOP)) {
            ben.nextOfType("welcome");
            String[] chat = hello(shopper);
            shopper.send(Map.of("type", "request_human"));
            shopper.next(f -> "waiting".equals(f.path("state").asText()));
            ben.send(Map.of("type", "take", "conversation", chat[0]));
            ben.nextOfType("conversation");
            shopper.next(f -> "agent".equals(f.path("state").asText()));

            assertEquals(201, upload(chat[1], "p1", jpeg(300, 200)).statusCode());
            JsonNode relayed = ben.next(f -> "message".equals(f.path("type").asText()) && f.has("photo"));
            assertEquals(chat[0], relayed.get("conversation").asText());
            assertEquals(300, relayed.at("/photo/width").asInt());
            assertTrue(shopper.drain(500).stream().noneMatch(f -> "waiting".equals(f.path("key").asText())),
                    "no second hand-off");
        }
    }

    @Test
    void the_agent_who_has_the_conversation_sends_the_shopper_a_picture_and_nobody_else_can() throws Exception {
        start(Map.of());
        String ben = Http.login(server.port(), "ben@shop.example", "ben password 1");
        String ada = Http.login(server.port(), "ada@shop.example", "ada password 1");
        try (WsClient console = new WsClient(server.port(), "/ws/agent", Map.of("Cookie", ben));
             WsClient shopper = new WsClient(server.port(), "/ws/chat", SHOP)) {
            console.nextOfType("welcome");
            String[] chat = hello(shopper);
            shopper.send(Map.of("type", "request_human"));
            shopper.next(f -> "waiting".equals(f.path("state").asText()));
            String path = "/api/agent/photos?conversation=" + chat[0] + "&id=a1";
            assertEquals("403 not_yours", error(send("POST", path, jpeg(200, 100), "Cookie", ben)), "not taken yet");
            console.send(Map.of("type", "take", "conversation", chat[0]));
            console.nextOfType("conversation");

            assertEquals("403 not_yours", error(send("POST", path, jpeg(200, 100), "Cookie", ada)), "another agent");
            assertEquals(401, send("POST", path, jpeg(200, 100)).statusCode());
            assertEquals("415 not_a_picture", error(send("POST", path, "%PDF-1.7".getBytes(StandardCharsets.US_ASCII), "Cookie", ben)));
            HttpResponse<byte[]> sent = send("POST", path, jpeg(200, 100), "Cookie", ben);
            assertEquals(201, sent.statusCode(), new String(sent.body(), StandardCharsets.UTF_8));
            String photoId = json(sent).at("/photo/id").asText();

            JsonNode shown = shopper.nextMessage("agent");
            assertEquals(photoId, shown.at("/photo/id").asText(), "the shopper's widget gets it");
            assertEquals("Ben", shown.get("agent").asText());
            JsonNode echoed = console.next(f -> "message".equals(f.path("type").asText()) && f.has("photo"));
            assertEquals(photoId, echoed.at("/photo/id").asText(), "and so does the agent's console");
            HttpResponse<byte[]> fetched = send("GET", "/api/chat/photos/" + photoId, null, "Authorization", "Bearer " + chat[1]);
            assertEquals(200, fetched.statusCode(), "the shopper's token opens it: it is their conversation's");
            assertEquals(200, ImageIO.read(new ByteArrayInputStream(fetched.body())).getWidth());
        }
    }

    @Test
    void only_the_shops_origins_may_upload_from_a_browser() throws Exception {
        start(Map.of());
        try (WsClient shopper = new WsClient(server.port(), "/ws/chat", SHOP)) {
            String[] chat = hello(shopper);
            HttpResponse<byte[]> preflight = send("OPTIONS", "/api/chat/photos", null, "Origin", SHOP,
                    "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "authorization, content-type");
            assertEquals(204, preflight.statusCode());
            assertEquals(SHOP, preflight.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
            assertTrue(preflight.headers().firstValue("Access-Control-Allow-Headers").orElse("").contains("Authorization"));

            HttpResponse<byte[]> elsewhere = send("OPTIONS", "/api/chat/photos", null, "Origin", "https://evil.example",
                    "Access-Control-Request-Method", "POST");
            assertEquals(403, elsewhere.statusCode());
            assertTrue(elsewhere.headers().firstValue("Access-Control-Allow-Origin").isEmpty());
            HttpResponse<byte[]> posted = send("POST", "/api/chat/photos?id=p1", jpeg(100, 100), "Authorization", "Bearer " + chat[1],
                    "Origin", "https://evil.example");
            assertEquals("403 origin_not_allowed", error(posted));
            assertEquals(0, photoRows(chat[0]), "nothing stored");
        }
    }

    @Test
    void bad_uploads_get_a_clear_error_and_nothing_is_stored() throws Exception {
        start(Map.of("BABELDESK_CHAT_MAX_PHOTO_KB", "64"));
        try (WsClient shopper = new WsClient(server.port(), "/ws/chat", SHOP)) {
            String[] chat = hello(shopper);
            String token = chat[1];
            assertEquals("415 not_a_picture", error(upload(token, "p1", "<html><script>alert(1)</script>".getBytes(StandardCharsets.UTF_8))));
            assertEquals("413 photo_too_large", error(upload(token, "p2", new byte[65 * 1024])));
            assertEquals("400 invalid_field", error(upload(token, "no%20spaces", jpeg(50, 50))));
            assertEquals("400 invalid_field", error(send("POST", "/api/chat/photos", jpeg(50, 50), "Authorization", "Bearer " + token)),
                    "the client id is required: it makes a resend safe");
            assertEquals("401 unauthorized", error(send("POST", "/api/chat/photos?id=p3", jpeg(50, 50))));
            assertEquals(0, photoRows(chat[0]));
            assertTrue(shopper.drain(300).stream().noneMatch(f -> "message".equals(f.path("type").asText())
                    && "shopper".equals(f.path("from").asText())), "no message for a refused upload");

            assertEquals(201, upload(token, "p4", jpeg(50, 50)).statusCode());
            HttpResponse<byte[]> again = upload(token, "p4", jpeg(50, 50));
            assertEquals(201, again.statusCode(), "a resend after a lost answer");
            assertEquals(1, photoRows(chat[0]), "is stored once");

            shopper.send(Map.of("type", "close"));
            shopper.next(f -> "closed".equals(f.path("state").asText()));
            assertEquals("409 closed", error(upload(token, "p5", jpeg(50, 50))));
            assertEquals(201, upload(token, "p4", jpeg(50, 50)).statusCode(), "a resend of a stored picture still gets its answer");
        }
    }

    @Test
    void a_conversation_takes_a_limited_number_of_photos() throws Exception {
        start(Map.of());
        try (WsClient shopper = new WsClient(server.port(), "/ws/chat", SHOP)) {
            String[] chat = hello(shopper);
            byte[] picture = jpeg(40, 30);
            String last = null;
            for (int i = 0; i < PhotoApi.MAX_PER_CONVERSATION; i++) {
                HttpResponse<byte[]> r = upload(chat[1], "p" + i, picture);
                assertEquals(201, r.statusCode());
                last = json(r).at("/photo/id").asText();
            }
            assertEquals("429 too_many_photos", error(upload(chat[1], "one-more", picture)));
            assertEquals(PhotoApi.MAX_PER_CONVERSATION, photoRows(chat[0]));
            shopper.drain(300);
            HttpResponse<byte[]> resent = upload(chat[1], "p19", picture);
            assertEquals(201, resent.statusCode(), "a resend of the 20th after a lost answer is answered, not refused");
            assertEquals(last, json(resent).at("/photo/id").asText(), "with the message stored the first time");
            assertTrue(shopper.drain(500).stream().noneMatch(f -> "message".equals(f.path("type").asText())),
                    "and nobody is sent it again");
        }
    }

    @Test
    void with_pictures_turned_off_the_widget_is_not_offered_them_and_uploads_are_refused() throws Exception {
        start(Map.of("BABELDESK_CHAT_MAX_PHOTO_KB", "0"));
        try (WsClient shopper = new WsClient(server.port(), "/ws/chat", SHOP)) {
            shopper.send(Map.of("type", "hello", "v", 1, "locale", "en"));
            JsonNode welcome = shopper.nextOfType("welcome");
            assertFalse(welcome.has("photos"));
            assertEquals("404 photos_off", error(upload(welcome.get("resume").asText(), "p1", jpeg(50, 50))));
        }
    }

    @Test
    void the_shoppers_data_download_holds_their_pictures_and_erasing_removes_them() throws Exception {
        start(Map.of());
        String admin = Http.login(server.port(), "ada@shop.example", "ada password 1");
        try (WsClient shopper = new WsClient(server.port(), "/ws/chat", SHOP)) {
            String[] chat = hello(shopper);
            String photoId = json(upload(chat[1], "p1", jpeg(120, 90))).at("/photo/id").asText();

            HttpResponse<String> export = Http.call(server.port(), "GET", "/api/admin/privacy/conversations/" + chat[0], null, admin);
            JsonNode photos = JSON.readTree(export.body()).get("photos");
            assertEquals(1, photos.size());
            assertEquals(photoId, photos.at("/0/id").asText());
            String data = photos.at("/0/data").asText();
            assertTrue(data.startsWith("data:image/jpeg;base64,"), data.substring(0, 30));
            byte[] bytes = java.util.Base64.getDecoder().decode(data.substring(data.indexOf(',') + 1));
            assertEquals(120, ImageIO.read(new ByteArrayInputStream(bytes)).getWidth());

            shopper.send(Map.of("type", "close"));
            shopper.next(f -> "closed".equals(f.path("state").asText()));
            assertEquals(200, Http.call(server.port(), "DELETE", "/api/admin/privacy/conversations/" + chat[0], null, admin).statusCode());
            assertEquals(0, photoRows(chat[0]));
            assertEquals(401, send("GET", "/api/chat/photos/" + photoId, null, "Authorization", "Bearer " + chat[1]).statusCode(),
                    "the token opens nothing any more");
        }
    }
}
