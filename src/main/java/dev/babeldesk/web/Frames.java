package dev.babeldesk.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.babeldesk.conversation.ChatMessage;
import dev.babeldesk.conversation.Conversation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The JSON shapes of the shopper protocol (docs/protocol.md), built from domain objects. */
final class Frames {
    static final int VERSION = 1;

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /** A client's id for what it sends (a message, a picture), which makes a resend safe. */
    private static final java.util.regex.Pattern CLIENT_ID = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{1,64}");
    static final String CLIENT_ID_RULE = "\"id\" must be 1-64 letters, digits, '-' or '_'";

    private Frames() {}

    static boolean isClientId(String id) {
        return id != null && CLIENT_ID.matcher(id).matches();
    }

    /** A client's frame: a JSON object with a textual {@code type}; empty for anything else. */
    static java.util.Optional<com.fasterxml.jackson.databind.JsonNode> parse(String message) {
        try {
            com.fasterxml.jackson.databind.JsonNode frame = JSON.readTree(message);
            return frame != null && frame.isObject() && frame.path("type").isTextual()
                    ? java.util.Optional.of(frame) : java.util.Optional.empty();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return java.util.Optional.empty();
        }
    }

    /** The answer to a frame {@link #parse} refused. */
    static Map<String, Object> malformed() {
        return error("malformed_frame", "Frames must be JSON objects with a \"type\"", null);
    }

    /** @param photoMaxBytes the largest picture the shopper may send; 0: pictures are off */
    static Map<String, Object> welcome(Conversation c, String resumeToken, boolean resumed, int photoMaxBytes) {
        Map<String, Object> f = frame("welcome");
        f.put("v", VERSION);
        f.put("conversation", c.id());
        f.put("resume", resumeToken);
        f.put("resumed", resumed);
        f.put("state", state(c));
        f.put("language", c.language() != null ? c.language() : c.locale());
        if (photoMaxBytes > 0) f.put("photos", Map.of("maxBytes", photoMaxBytes));
        return f;
    }

    static Map<String, Object> state(Conversation c, int position) {
        Map<String, Object> f = frame("state");
        f.put("state", state(c));
        if (position > 0) f.put("position", position);
        return f;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record MessageFrame(String type, long seq, String from, String at, String id, String text, String html,
                        Map<String, String> entry, String language, String decision, Double confidence,
                        List<ChatMessage.Choice> choices, Boolean translationMissing, String key, String agent,
                        dev.babeldesk.photo.Photo.Ref photo, String via) {}

    static MessageFrame message(ChatMessage m) {
        Map<String, String> entry = m.entryId() == null ? null : Map.of("id", m.entryId(), "title", m.entryTitle());
        boolean bot = m.sender() == dev.babeldesk.conversation.Sender.BOT;
        return new MessageFrame("message", m.seq(), m.sender().name().toLowerCase(Locale.ROOT), String.valueOf(m.at()),
                m.clientId(), m.text(), m.html(), entry, m.language(), m.decision(), m.confidence(),
                bot ? m.choices() : null, bot ? m.translationMissing() : null, m.systemKey(), m.agentName(), m.photo(), m.via());
    }

    static Map<String, Object> error(String code, String message, String ref) {
        Map<String, Object> f = frame("error");
        f.put("code", code);
        f.put("message", message);
        if (ref != null) f.put("ref", ref);
        return f;
    }

    static Map<String, Object> typing(String from, boolean on) {
        Map<String, Object> f = frame("typing");
        f.put("from", from);
        f.put("on", on);
        return f;
    }

    /** Javalin's own mapper: a frame relayed from another node reads exactly as one sent here. */
    private static final com.fasterxml.jackson.databind.ObjectMapper OUT = io.javalin.json.JavalinJackson.defaultMapper();

    /** A frame as the JSON text a websocket sends (once, whatever the number of screens and nodes). */
    static String text(Object frame) {
        try {
            return OUT.writeValueAsString(frame);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("frame cannot be written as JSON", e);
        }
    }

    static Map<String, Object> frame(String type) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("type", type);
        return f;
    }

    private static String state(Conversation c) {
        return c.state().name().toLowerCase(Locale.ROOT);
    }
}
