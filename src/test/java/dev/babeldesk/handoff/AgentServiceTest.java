package dev.babeldesk.handoff;

import dev.babeldesk.storage.Database;
import dev.babeldesk.storage.JdbcAgentStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Agent accounts against a real database file: hashed passwords, expiring sessions, throttled guessing. */
class AgentServiceTest {
    /** A clock the test moves forward. */
    static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-11-22T10:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @TempDir
    java.nio.file.Path dir;
    private final MovableClock clock = new MovableClock();
    private AgentService agents;
    private JdbcAgentStore store;

    @BeforeEach
    void setUp() {
        store = new JdbcAgentStore(Database.open(dir.resolve("db").toString()), clock);
        agents = new AgentService(store, clock, Duration.ofHours(8));
        agents.create("Ana@Example.com", "Ana", List.of("de", "en"), 3, Role.ADMIN, "correct horse battery");
    }

    @Test
    void passwords_are_stored_as_bcrypt_hashes_and_emails_case_insensitively() throws Exception {
        String id = store.findByEmail("ana@example.com").orElseThrow().id();
        String hash = store.passwordHash(id).orElseThrow();
        assertTrue(hash.startsWith("$2a$12$"), hash);
        assertTrue(!hash.contains("correct horse"));
        assertEquals("Ana", agents.login("ANA@example.com", "correct horse battery", "1.2.3.4").agent().name());
    }

    @Test
    void a_session_lasts_until_it_expires_and_ends_at_logout() throws Exception {
        AgentService.Login login = agents.login("ana@example.com", "correct horse battery", "1.2.3.4");
        assertEquals("Ana", agents.authenticate(login.token()).orElseThrow().name());
        clock.now = clock.now.plus(Duration.ofHours(7));
        assertTrue(agents.authenticate(login.token()).isPresent());
        clock.now = clock.now.plus(Duration.ofHours(2));
        assertTrue(agents.authenticate(login.token()).isEmpty(), "expired after 8 hours");

        AgentService.Login again = agents.login("ana@example.com", "correct horse battery", "1.2.3.4");
        assertNotEquals(login.token(), again.token());
        agents.logout(again.token());
        assertTrue(agents.authenticate(again.token()).isEmpty());
        assertTrue(agents.authenticate("made-up").isEmpty());
    }

    @Test
    void a_wrong_email_and_a_wrong_password_are_refused_alike() {
        AgentService.LoginRefused wrongPassword = assertThrows(AgentService.LoginRefused.class,
                () -> agents.login("ana@example.com", "wrong", "1.2.3.4"));
        AgentService.LoginRefused unknown = assertThrows(AgentService.LoginRefused.class,
                () -> agents.login("nobody@example.com", "wrong", "1.2.3.5"));
        assertEquals(AgentService.Refusal.WRONG_CREDENTIALS, wrongPassword.reason());
        assertEquals(wrongPassword.reason(), unknown.reason());
    }

    @Test
    void an_unknown_email_is_checked_against_a_valid_hash_of_the_same_cost_as_real_passwords() {
        at.favre.lib.crypto.bcrypt.BCrypt.Result result = at.favre.lib.crypto.bcrypt.BCrypt.verifyer()
                .verify("not a password".toCharArray(), AgentService.DUMMY_HASH);
        assertTrue(result.verified, "the constant must be a real bcrypt hash, or unknown emails answer faster");
        assertEquals(AgentService.BCRYPT_COST, result.details.cost);
    }

    @Test
    void after_five_failures_even_the_right_password_is_refused_until_the_window_passes() throws Exception {
        for (int i = 0; i < LoginThrottle.MAX_FAILURES; i++) {
            assertThrows(AgentService.LoginRefused.class, () -> agents.login("ana@example.com", "guess", "9.9.9.9"));
        }
        AgentService.LoginRefused blocked = assertThrows(AgentService.LoginRefused.class,
                () -> agents.login("ana@example.com", "correct horse battery", "1.2.3.4"));
        assertEquals(AgentService.Refusal.TOO_MANY_ATTEMPTS, blocked.reason());
        clock.now = clock.now.plus(Duration.ofMinutes(LoginThrottle.WINDOW_MINUTES + 1));
        assertEquals("Ana", agents.login("ana@example.com", "correct horse battery", "1.2.3.4").agent().name());
    }

    @Test
    void failures_on_two_nodes_of_one_database_count_together_and_no_address_is_kept_in_clear() throws Exception {
        AgentService otherNode = new AgentService(new JdbcAgentStore(Database.open(dir.resolve("db").toString()), clock), clock,
                Duration.ofHours(8));
        for (int i = 0; i < LoginThrottle.MAX_FAILURES; i++) {
            AgentService node = i % 2 == 0 ? agents : otherNode;
            assertThrows(AgentService.LoginRefused.class, () -> node.login("ana@example.com", "guess", "203.0.113." + 7));
        }
        assertEquals(AgentService.Refusal.TOO_MANY_ATTEMPTS, assertThrows(AgentService.LoginRefused.class,
                () -> otherNode.login("nobody@example.com", "guess", "203.0.113.7")).reason(), "the address is blocked on both");
        assertEquals(AgentService.Refusal.TOO_MANY_ATTEMPTS, assertThrows(AgentService.LoginRefused.class,
                () -> agents.login("ana@example.com", "correct horse battery", "198.51.100.1")).reason(), "the account too");
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("db"));
             var r = c.createStatement().executeQuery("SELECT key_hash FROM login_failures")) {
            while (r.next()) assertTrue(r.getString(1).matches("[0-9a-f]{64}"), r.getString(1));
        }
    }

    @Test
    void weak_passwords_bad_emails_and_duplicates_are_refused() {
        assertThrows(IllegalArgumentException.class,
                () -> agents.create("bo@example.com", "Bo", List.of("en"), 2, Role.AGENT, "short"));
        assertThrows(IllegalArgumentException.class,
                () -> agents.create("not-an-email", "Bo", List.of("en"), 2, Role.AGENT, "long enough password"));
        assertThrows(IllegalArgumentException.class,
                () -> agents.create("ana@example.com", "Ana 2", List.of("en"), 2, Role.AGENT, "long enough password"));
    }
}
