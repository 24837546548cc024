package dev.babeldesk.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.babeldesk.BabelDesk;
import dev.babeldesk.config.ConfigLoader;
import dev.babeldesk.conversation.ChatMessage;
import dev.babeldesk.conversation.Conversation;
import dev.babeldesk.conversation.ConversationState;
import dev.babeldesk.conversation.ConversationStore;
import dev.babeldesk.conversation.Sender;
import dev.babeldesk.handoff.AgentService;
import dev.babeldesk.handoff.Role;
import dev.babeldesk.insight.BotTurn;
import dev.babeldesk.learning.LearnedPhrasing;
import dev.babeldesk.photo.Photo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import javax.sql.DataSource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The same stores and the whole server on a real PostgreSQL (the machine's local server, database
 * {@code test}, in a schema of its own that is dropped afterwards). Where no PostgreSQL answers the
 * tests are skipped and say so ({@link PostgresSchema}); the embedded SQLite default is tested everywhere.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PostgresStorageTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static PostgresSchema postgres;
    private static String schema;
    private static String url;
    private static DataSource database;

    @BeforeAll
    static void createSchema() {
        postgres = PostgresSchema.createOrSkip();
        schema = postgres.name();
        url = postgres.url();
        database = Database.open(url);
    }

    @AfterAll
    static void dropSchema() throws Exception {
        if (database != null) Database.close(database);
        if (postgres != null) postgres.close();
    }

    @Test
    void the_migrations_create_every_table_in_postgresql() throws Exception {
        try (Connection c = database.getConnection();
             var tables = c.getMetaData().getTables(null, schema, "%", new String[] {"TABLE"})) {
            List<String> names = new ArrayList<>();
            while (tables.next()) names.add(tables.getString("TABLE_NAME"));
            assertTrue(names.containsAll(List.of("conversations", "messages", "events", "agents", "agent_sessions",
                    "bot_turns", "node_events", "learned_phrasings", "login_failures", "photos", "mail_threads")), names.toString());
        }
    }

    @Test
    void concurrent_appends_to_one_conversation_get_consecutive_numbers_and_a_resent_message_is_stored_once()
            throws Exception {
        ConversationStore store = new JdbcConversationStore(database, Clock.systemUTC());
        Conversation conversation = store.create("hash-" + UUID.randomUUID(), "en", "/");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<ConversationStore.Appended>> appends = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String id = "m" + (i % 20); // every client id twice: the second is a resend
            appends.add(pool.submit(() -> store.append(conversation.id(), ChatMessage.draft(Sender.SHOPPER, "hi " + id).withClientId(id))));
        }
        int created = 0;
        for (Future<ConversationStore.Appended> f : appends) if (f.get(30, TimeUnit.SECONDS).created()) created++;
        pool.shutdown();
        assertEquals(20, created);
        List<ChatMessage> stored = store.messagesAfter(conversation.id(), 0);
        assertEquals(20, stored.size());
        for (int i = 0; i < stored.size(); i++) assertEquals(i + 1, stored.get(i).seq());
        assertTrue(store.transition(conversation.id(), ConversationState.BOT, ConversationState.WAITING, "explicit_request"));
        // other tests of this class share the schema and may have queued conversations before this one
        assertTrue(store.queuePosition(conversation.id()) >= 1);
        assertTrue(store.inState(ConversationState.WAITING).stream().anyMatch(c -> c.id().equals(conversation.id())));
    }

    @Test
    void insight_rows_and_votes_work_the_same_as_on_sqlite() {
        JdbcConversationStore conversations = new JdbcConversationStore(database, Clock.systemUTC());
        JdbcInsightStore insight = new JdbcInsightStore(database);
        Conversation conversation = conversations.create("hash-" + UUID.randomUUID(), "de", "/");
        insight.recordTurn(new BotTurn(conversation.id(), 2, "Wo ist mein Paket?", "de", "de", "answer", null, "track",
                0.9, 0.95, null, null, null, Instant.now()));
        insight.recordFeedback(conversation.id(), 3, false);
        insight.recordFeedback(conversation.id(), 3, true);
        List<BotTurn> turns = insight.turns(Instant.now().minusSeconds(600), Instant.now().plusSeconds(600)).stream()
                .filter(t -> t.conversationId().equals(conversation.id())).toList();
        assertEquals(1, turns.size());
        assertEquals(false, turns.get(0).helpful(), "not helpful sticks");
        assertEquals(null, turns.get(0).choice());
    }

    @Test
    void picks_and_decisions_on_them_work_the_same_as_on_sqlite() {
        JdbcConversationStore conversations = new JdbcConversationStore(database, Clock.systemUTC());
        JdbcInsightStore insight = new JdbcInsightStore(database);
        Conversation conversation = conversations.create("hash-" + UUID.randomUUID(), "de", "/");
        String entry = "track-" + UUID.randomUUID();
        insight.recordTurn(new BotTurn(conversation.id(), 2, "Paket wo?", "de", "de", "clarify", null, "lost",
                0.5, 0.9, 0.5, null, null, Instant.now()));
        insight.recordChoice(conversation.id(), 3, entry);
        assertEquals(List.of("Paket wo?"), insight.picks("de", entry).stream().map(BotTurn::question).toList());
        JdbcLearningStore learning = new JdbcLearningStore(database);
        String id = UUID.randomUUID().toString();
        learning.decide(new LearnedPhrasing(UUID.randomUUID().toString(), "de", entry, "Paket wo?", false, "Ada", Instant.now()));
        learning.decide(new LearnedPhrasing(id, "de", entry, "Paket wo?", true, "Ada", Instant.now()));
        List<LearnedPhrasing> mine = learning.all().stream().filter(p -> p.entryId().equals(entry)).toList();
        assertEquals(1, mine.size(), "a later decision replaces the earlier one");
        assertTrue(mine.get(0).approved());
        assertEquals(id, learning.remove(id).orElseThrow().id());
        assertTrue(learning.all().stream().noneMatch(p -> p.id().equals(id)));
        // The longest message in a script PostgreSQL cannot compress much still fits the table's unique key.
        StringBuilder longest = new StringBuilder();
        java.util.Random random = new java.util.Random(7);
        while (longest.length() < 2000) longest.appendCodePoint(0x4E00 + random.nextInt(20000));
        learning.decide(new LearnedPhrasing(UUID.randomUUID().toString(), "zh", entry, longest.toString(), true, "Ada", Instant.now()));
        assertEquals(longest.toString(), learning.all().stream().filter(p -> p.entryId().equals(entry)).findFirst().orElseThrow().text());
    }

    @Test
    void a_photo_and_an_email_thread_are_kept_as_on_sqlite_and_erased_with_the_conversation() {
        JdbcConversationStore conversations = new JdbcConversationStore(database, Clock.systemUTC());
        Conversation c = conversations.create("hash-" + UUID.randomUUID(), "en", "/");
        byte[] bytes = new byte[300_000];
        new java.util.Random(7).nextBytes(bytes); // every byte value, incompressible: BYTEA must keep them all
        Photo photo = new Photo("p-" + UUID.randomUUID(), c.id(), "image/jpeg", 640, 480, bytes);
        var first = conversations.appendPhoto(c.id(), ChatMessage.photo(photo.ref(), "up1"), photo, 20).orElseThrow();
        assertTrue(first.created());
        Photo resent = new Photo("p-" + UUID.randomUUID(), c.id(), "image/jpeg", 640, 480, new byte[] {1, 2, 3});
        var again = conversations.appendPhoto(c.id(), ChatMessage.photo(resent.ref(), "up1"), resent, 20).orElseThrow();
        assertFalse(again.created(), "a resent upload");
        assertEquals(photo.id(), again.message().photo().id(), "returns the first message");
        assertTrue(conversations.photo(resent.id()).isEmpty(), "and stores no second picture");
        assertEquals(1, conversations.photoCount(c.id()));

        Photo back = conversations.photo(photo.id()).orElseThrow();
        assertEquals(c.id(), back.conversationId());
        assertEquals(640, back.width());
        assertTrue(java.util.Arrays.equals(bytes, back.bytes()));
        assertEquals(photo.id(), conversations.messagesAfter(c.id(), 0).get(0).photo().id());
        assertEquals(1, conversations.photos(c.id()).size());

        conversations.recordMailThread("thread-hash-" + c.id(), c.id(), "jo@example.org");
        assertEquals(new ConversationStore.MailThread(c.id(), "jo@example.org"),
                conversations.mailThread("thread-hash-" + c.id()).orElseThrow(), "an emailed reply's thread");
        assertEquals(photo.id(), conversations.messageByClientId(c.id(), "up1").orElseThrow().photo().id());

        assertTrue(conversations.erase(c.id()));
        assertTrue(conversations.photo(photo.id()).isEmpty());
        assertTrue(conversations.mailThread("thread-hash-" + c.id()).isEmpty(), "erased with it");
    }

    @Test
    void uploads_at_the_same_moment_on_two_nodes_cannot_take_a_conversation_past_its_picture_limit() throws Exception {
        DataSource secondNode = Database.open(url);
        try {
            // Two stores on two pools are two nodes: each writes one transaction at a time, the two at once.
            JdbcConversationStore a = new JdbcConversationStore(database, Clock.systemUTC());
            JdbcConversationStore b = new JdbcConversationStore(secondNode, Clock.systemUTC());
            Conversation c = a.create("hash-" + UUID.randomUUID(), "en", "/");
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<java.util.Optional<ConversationStore.Appended>>> uploads = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                Photo photo = new Photo("p-" + UUID.randomUUID(), c.id(), "image/jpeg", 1, 1, new byte[] {(byte) i});
                String clientId = "up" + i;
                JdbcConversationStore node = i % 2 == 0 ? a : b;
                uploads.add(pool.submit(() -> node.appendPhoto(c.id(), ChatMessage.photo(photo.ref(), clientId), photo, 20)));
            }
            int taken = 0;
            for (var f : uploads) if (f.get(30, TimeUnit.SECONDS).isPresent()) taken++;
            pool.shutdown();
            assertEquals(20, taken);
            assertEquals(20, a.photoCount(c.id()));
            assertEquals(20, a.messagesAfter(c.id(), 0).size(), "no message without its picture");
        } finally {
            Database.close(secondNode);
        }
    }

    @Test
    void a_shoppers_conversations_are_found_and_erased_the_same_as_on_sqlite() {
        JdbcConversationStore conversations = new JdbcConversationStore(database, Clock.systemUTC());
        JdbcInsightStore insight = new JdbcInsightStore(database);
        Conversation c = conversations.create("hash-" + UUID.randomUUID(), "de", "/");
        String email = "Jörg." + UUID.randomUUID() + "@Example.com";
        conversations.setIdentity(c.id(), new dev.babeldesk.conversation.ShopperIdentity("kunde-1", email, "Jörg", false));
        var question = conversations.append(c.id(), ChatMessage.draft(dev.babeldesk.conversation.Sender.SHOPPER,
                "Mein Paket für ÖZLEM MÜLLER 100%_sicher " + c.id() + " fehlt")).message();
        insight.recordTurn(new BotTurn(c.id(), question.seq(), question.text(), "de", "de", "answer", null, "lost",
                0.9, 0.9, 0.9, null, null, Instant.now()));

        assertEquals(List.of(c.id()), conversations.findForShopper(email.toLowerCase(java.util.Locale.ROOT), 4, 50).stream()
                .map(f -> f.conversation().id()).toList(), "email in any case");
        assertEquals("text", conversations.findForShopper("özlem müller 100%_sicher " + c.id(), 4, 50)
                .get(0).matchedBy(), "PostgreSQL folds case beyond ASCII; % and _ are literal");
        assertTrue(conversations.findForShopper("100x_sicher " + c.id(), 4, 50).isEmpty(), "% is not a wildcard");

        insight.forget(c.id());
        assertTrue(conversations.erase(c.id()));
        assertTrue(conversations.find(c.id()).isEmpty());
        assertTrue(conversations.messagesAfter(c.id(), 0).isEmpty());
        assertFalse(conversations.erase(c.id()));
    }

    @Test
    void unread_agents_replies_are_found_read_and_claimed_for_email_the_same_as_on_sqlite() {
        JdbcConversationStore conversations = new JdbcConversationStore(database, Clock.systemUTC());
        Conversation c = conversations.create("hash-" + UUID.randomUUID(), "en", "/");
        conversations.append(c.id(), ChatMessage.draft(dev.babeldesk.conversation.Sender.SHOPPER, "mail me at jo@example.org"));
        long reply = conversations.append(c.id(), ChatMessage.draft(dev.babeldesk.conversation.Sender.AGENT, "Done.")).message().seq();
        Instant from = Instant.now().minusSeconds(60);
        Instant until = Instant.now().plusSeconds(60);
        var unread = conversations.unreadReplies(from, until, 1000).stream().filter(u -> u.conversationId().equals(c.id())).toList();
        assertEquals(List.of(new ConversationStore.UnreadReplies(c.id(), 0, 0, reply)), unread);

        conversations.markRead(c.id(), reply + 5);
        conversations.markRead(c.id(), reply);
        conversations.markRead(c.id(), 1);
        assertTrue(conversations.unreadReplies(from, until, 1000).stream().noneMatch(u -> u.conversationId().equals(c.id())),
                "read up to the reply, never backwards");

        long second = conversations.append(c.id(), ChatMessage.draft(dev.babeldesk.conversation.Sender.AGENT, "Anything else?")).message().seq();
        assertTrue(conversations.moveMailedMark(c.id(), 0, second));
        assertFalse(conversations.moveMailedMark(c.id(), 0, second), "another node claimed it first");
        assertTrue(conversations.unreadReplies(from, until, 1000).stream().noneMatch(u -> u.conversationId().equals(c.id())));
    }

    @Test
    void failed_logins_are_counted_and_forgotten_the_same_as_on_sqlite() {
        JdbcAgentStore agents = new JdbcAgentStore(database, Clock.systemUTC());
        String key = "k-" + UUID.randomUUID();
        Instant now = Instant.now();
        agents.recordLoginFailure(List.of(key, key + "-address"), now.minusSeconds(3600), now.minusSeconds(7200));
        agents.recordLoginFailure(List.of(key), now, now.minusSeconds(900));
        assertEquals(1, agents.loginFailures(key, now.minusSeconds(900)), "only the one inside the window");
        assertEquals(1, agents.loginFailures(key, now.minusSeconds(7200)), "the older one was deleted by the second failure");
        assertEquals(0, agents.loginFailures(key + "-address", now.minusSeconds(7200)));
    }

    @Test
    void two_nodes_deciding_on_the_same_pick_at_once_both_succeed_and_it_is_kept_once() throws Exception {
        // Two stores over one database, as two nodes whose admins approve the same suggestion together.
        JdbcLearningStore nodeA = new JdbcLearningStore(database);
        JdbcLearningStore nodeB = new JdbcLearningStore(database);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 40; round++) {
                String entry = "race-" + UUID.randomUUID();
                java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(2);
                List<java.util.concurrent.Future<LearnedPhrasing>> both = new java.util.ArrayList<>();
                for (JdbcLearningStore node : List.of(nodeA, nodeB)) {
                    both.add(pool.submit(() -> {
                        together.await(10, java.util.concurrent.TimeUnit.SECONDS);
                        return node.decide(new LearnedPhrasing(UUID.randomUUID().toString(), "en", entry, "where is my parcel",
                                true, "Ada", Instant.now()));
                    }));
                }
                for (var f : both) f.get(30, java.util.concurrent.TimeUnit.SECONDS); // throws if either failed
                assertEquals(1, nodeA.all().stream().filter(p -> p.entryId().equals(entry)).count(), "round " + round);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void the_whole_server_runs_on_postgresql_a_shopper_is_answered_and_the_admin_sees_it() throws Exception {
        AgentService agents = new AgentService(new JdbcAgentStore(database, Clock.systemUTC()), Clock.systemUTC(),
                Duration.ofHours(1));
        agents.create("pg-admin@shop.example", "Ada", List.of("en"), 3, Role.ADMIN, "admin password 1");
        try (BabelDesk server = BabelDesk.start(ConfigLoader.load(null, Map.of("BABELDESK_SERVER_PORT", "0",
                "BABELDESK_STORAGE_DATABASE", url)))) {
            try (dev.babeldesk.web.PostgresChat chat = new dev.babeldesk.web.PostgresChat(server.port())) {
                JsonNode answer = chat.ask("How long do I have to send an item back?");
                assertEquals("answer", answer.get("decision").asText(), answer.toString());
                assertEquals("waiting", chat.askForPerson().get("key").asText());
            }
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                            + "/api/agent/login")).POST(HttpRequest.BodyPublishers.ofString(
                            "{\"email\":\"pg-admin@shop.example\",\"password\":\"admin password 1\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, login.statusCode(), login.body());
            String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
            JsonNode insight = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + server.port() + "/api/admin/insight")).header("Cookie", cookie).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            assertTrue(insight.get("conversations").asInt() >= 1, insight.toString());
            assertTrue(insight.at("/handoffReasons/explicit_request").asInt() >= 1, insight.toString());
            assertFalse(insight.toString().contains("pg-admin"));
        }
    }
}
