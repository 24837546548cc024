package dev.babeldesk.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.babeldesk.BabelDesk;
import dev.babeldesk.config.ConfigLoader;
import dev.babeldesk.handoff.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The server behind a TLS-terminating reverse proxy on the same machine: the test's requests come
 * from 127.0.0.1 like a proxy's, with the headers a proxy adds.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BehindProxyTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    @TempDir
    Path dir;

    private BabelDesk start(String trustedProxies) {
        String database = dir.resolve("proxy-" + System.nanoTime() + ".db").toString();
        TestAgents.create(database, agents -> {
            agents.create("ada@shop.example", "Ada", List.of("en"), 3, Role.ADMIN, "ada password 1");
            agents.create("ben@shop.example", "Ben", List.of("en"), 3, Role.AGENT, "ben password 1");
        });
        return BabelDesk.start(ConfigLoader.load(null, Map.of("BABELDESK_SERVER_PORT", "0",
                "BABELDESK_STORAGE_DATABASE", database, "BABELDESK_SERVER_TRUSTED_PROXIES", trustedProxies)));
    }

    private static HttpResponse<String> login(BabelDesk server, String email, String password, String forwardedFor,
                                              String forwardedProto) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/agent/login"))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(new ObjectMapper().writeValueAsString(Map.of("email", email, "password", password))));
        if (forwardedFor != null) r.header("X-Forwarded-For", forwardedFor);
        if (forwardedProto != null) r.header("X-Forwarded-Proto", forwardedProto);
        return HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void one_address_guessing_passwords_does_not_lock_out_the_other_agents_behind_the_same_proxy() throws Exception {
        try (BabelDesk server = start("127.0.0.1,::1")) {
            for (int i = 0; i < 5; i++) {
                assertEquals(401, login(server, "ada@shop.example", "guess " + i, "203.0.113.7", "https").statusCode());
            }
            assertEquals(429, login(server, "ben@shop.example", "ben password 1", "203.0.113.7", "https").statusCode(),
                    "the guessing address is blocked, whatever the account");
            HttpResponse<String> ben = login(server, "ben@shop.example", "ben password 1", "198.51.100.9", "https");
            assertEquals(200, ben.statusCode(), "another agent, another address: let in");
            String cookie = ben.headers().firstValue("Set-Cookie").orElseThrow();
            assertTrue(cookie.contains("Secure"), "the shopper-facing side is https, so is the cookie: " + cookie);
        }
    }

    @Test
    void without_trusted_proxies_a_forged_forwarded_for_does_not_escape_the_throttle() throws Exception {
        try (BabelDesk server = start("")) {
            for (int i = 0; i < 5; i++) {
                assertEquals(401, login(server, "ada@shop.example", "guess " + i, "203.0.113." + i, "https").statusCode());
            }
            assertEquals(429, login(server, "ben@shop.example", "ben password 1", "198.51.100.9", null).statusCode(),
                    "all five came from 127.0.0.1, whatever they claimed");
        }
        try (BabelDesk server = start("")) {
            String cookie = login(server, "ben@shop.example", "ben password 1", null, "https").headers()
                    .firstValue("Set-Cookie").orElseThrow();
            assertFalse(cookie.contains("Secure"), "a forged X-Forwarded-Proto is not believed either: " + cookie);
        }
    }
}
