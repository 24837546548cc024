package dev.babeldesk.web;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** HTTP calls to a test server on 127.0.0.1, with or without an agent's session cookie. */
final class Http {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private Http() {}

    static HttpResponse<String> call(int port, String method, String path, String body, String cookie) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (cookie != null) b.header("Cookie", cookie);
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Logs in and returns the session cookie ("bd_session=..."), checking it is HttpOnly and SameSite=Strict. */
    static String login(int port, String email, String password) throws Exception {
        HttpResponse<String> r = call(port, "POST", "/api/agent/login",
                JSON.writeValueAsString(Map.of("email", email, "password", password)), null);
        assertEquals(200, r.statusCode(), r.body());
        String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(setCookie.contains("HttpOnly"), setCookie);
        assertTrue(setCookie.contains("SameSite=Strict"), setCookie);
        return setCookie.substring(0, setCookie.indexOf(';'));
    }
}
