package dev.babeldesk.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertNotNull;

/** A real websocket client for tests: every wait has a deadline. */
final class WsClient implements WebSocket.Listener, AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final WebSocket socket;

    WsClient(int port, String path) throws Exception {
        this(port, path, java.util.Map.of());
    }

    WsClient(int port, String path, String origin) throws Exception {
        this(port, path, origin == null ? java.util.Map.of() : java.util.Map.of("Origin", origin));
    }

    WsClient(int port, String path, java.util.Map<String, String> headers) throws Exception {
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        headers.forEach(builder::header);
        socket = builder.buildAsync(URI.create("ws://127.0.0.1:" + port + path), this).get(5, TimeUnit.SECONDS);
    }

    void send(String text) throws Exception {
        socket.sendText(text, true).get(5, TimeUnit.SECONDS);
    }

    void send(Object frame) throws Exception {
        send(JSON.writeValueAsString(frame));
    }

    JsonNode next() throws Exception {
        JsonNode frame = received.poll(15, TimeUnit.SECONDS);
        assertNotNull(frame, "no frame within 15 s");
        return frame;
    }

    /** The next frame matching, skipping others (typing, state ...). */
    JsonNode next(Predicate<JsonNode> wanted) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            JsonNode frame = received.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (frame != null && wanted.test(frame)) return frame;
        }
        throw new AssertionError("no matching frame within 15 s");
    }

    JsonNode nextOfType(String type) throws Exception {
        return next(f -> type.equals(f.path("type").asText()));
    }

    JsonNode nextMessage(String from) throws Exception {
        return next(f -> "message".equals(f.path("type").asText()) && from.equals(f.path("from").asText()));
    }

    /** Frames that arrive within the given time (for asserting that nothing more comes). */
    java.util.List<JsonNode> drain(long millis) throws Exception {
        java.util.List<JsonNode> out = new java.util.ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) return out;
            JsonNode frame = received.poll(left, TimeUnit.NANOSECONDS);
            if (frame != null) out.add(frame);
        }
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            try {
                received.add(JSON.readTree(partial.toString()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeCode.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closeCode.complete(-1);
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
    }
}
