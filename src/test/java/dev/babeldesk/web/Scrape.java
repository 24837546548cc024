package dev.babeldesk.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalDouble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a Prometheus scraper reads from a test server's {@code /metrics}, and samples picked out of it. */
final class Scrape {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Scrape() {}

    /** @param authorization the Authorization header, or null for none */
    static HttpResponse<String> get(int port, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .timeout(Duration.ofSeconds(30));
        if (authorization != null) request.header("Authorization", authorization);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The exposition, which must be there for this token. */
    static String text(int port, String token) throws Exception {
        HttpResponse<String> r = get(port, "Bearer " + token);
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }

    /** The value of the sample with this name and (at least) these labels, if there is one. */
    static OptionalDouble sample(String scrape, String name, Map<String, String> labels) {
        for (String line : scrape.split("\n")) {
            if (line.startsWith("#") || !(line.startsWith(name + "{") || line.startsWith(name + " "))) continue;
            String head = line.substring(0, line.lastIndexOf(' '));
            if (labels.entrySet().stream().allMatch(l -> head.contains(l.getKey() + "=\"" + l.getValue() + "\""))) {
                return OptionalDouble.of(Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)));
            }
        }
        return OptionalDouble.empty();
    }

    static double value(String scrape, String name, Map<String, String> labels) {
        OptionalDouble v = sample(scrape, name, labels);
        assertTrue(v.isPresent(), "no " + name + " " + labels + " in\n" + scrape);
        return v.getAsDouble();
    }
}
