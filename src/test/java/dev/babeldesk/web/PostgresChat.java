package dev.babeldesk.web;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

/** A shopper on {@code /ws/chat} for tests outside this package (the PostgreSQL test). */
public final class PostgresChat implements AutoCloseable {
    private final WsClient client;
    private int sent;

    public PostgresChat(int port) throws Exception {
        client = new WsClient(port, "/ws/chat");
        client.send(Map.of("type", "hello", "v", 1, "locale", "en-GB"));
        client.nextOfType("welcome");
    }

    /** Sends a question and returns the bot's reply. */
    public JsonNode ask(String text) throws Exception {
        client.send(Map.of("type", "message", "id", "m" + (++sent), "text", text));
        return client.nextMessage("bot");
    }

    /** Asks for a person and returns the system message that follows. */
    public JsonNode askForPerson() throws Exception {
        client.send(Map.of("type", "request_human"));
        return client.nextMessage("system");
    }

    @Override
    public void close() {
        client.close();
    }
}
