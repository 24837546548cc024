package dev.babeldesk.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.babeldesk.config.Config;
import dev.babeldesk.conversation.ChatMessage;
import dev.babeldesk.conversation.Conversation;
import dev.babeldesk.conversation.ConversationService;
import dev.babeldesk.conversation.ConversationState;
import dev.babeldesk.conversation.IdentityVerifier;
import dev.babeldesk.conversation.ShopperIdentity;
import io.javalin.websocket.WsCloseContext;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsConnectContext;
import io.javalin.websocket.WsContext;
import io.javalin.websocket.WsMessageContext;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** The shopper side of the chat: protocol v1 of docs/protocol.md over one websocket per tab. */
final class ChatSocket {
    private static final Logger LOG = LoggerFactory.getLogger(ChatSocket.class);
    private static final String CONVERSATION = "conversation";
    private static final String LIMITER = "limiter";
    private static final String READ_LIMITER = "read-limiter";

    private final ConversationService conversations;
    private final ChatHub hub;
    private final OriginPolicy origins;
    private final Config config;
    private final IdentityVerifier verifier;
    private final dev.babeldesk.handoff.BusinessHours businessHours;

    private final AgentSocket agents;
    private final dev.babeldesk.privacy.PrivacyService privacy;

    private final InFlight inFlight;
    private final MeterRegistry meters;
    private final AtomicInteger open = new AtomicInteger();

    ChatSocket(ConversationService conversations, ChatHub hub, Config config, AgentSocket agents,
               dev.babeldesk.privacy.PrivacyService privacy, InFlight inFlight, MeterRegistry meters) {
        this.privacy = privacy;
        this.inFlight = inFlight;
        this.meters = meters;
        Gauge.builder("babeldesk.chat.connections", open, AtomicInteger::get)
                .description("Shoppers' chat connections open on this node").register(meters);
        this.conversations = conversations;
        this.hub = hub;
        this.agents = agents;
        this.origins = new OriginPolicy(config.allowedOrigins());
        this.config = config;
        this.verifier = new IdentityVerifier(config.identitySecret(), java.time.Clock.systemUTC());
        this.businessHours = dev.babeldesk.handoff.BusinessHours.parse(config.businessHours());
    }

    /** Tells the shopper why a frame was refused, and counts it by its code. */
    private void refuse(WsContext ctx, String code, String message, String ref) {
        refused(code);
        ctx.send(Frames.error(code, message, ref));
    }

    private void refused(String code) {
        meters.counter("babeldesk.chat.refused", "code", code).increment();
    }

    void configure(WsConfig ws) {
        ws.onConnect(ctx -> inFlight.track(() -> connect(ctx)));
        ws.onMessage(ctx -> inFlight.track(() -> receive(ctx)));
        ws.onClose(ctx -> inFlight.track(() -> disconnect(ctx)));
        ws.onError(ctx -> LOG.debug("websocket error: {}", String.valueOf(ctx.error())));
    }

    private void connect(WsConnectContext ctx) {
        if (!origins.allows(ctx.header("Origin"), ctx.header("Host"))) {
            refused("origin_not_allowed");
            ctx.closeSession(1008, "origin not allowed");
            return;
        }
        ctx.attribute(LIMITER, new RateLimiter(config.rateLimit()));
        // Read reports have an allowance of their own: a burst of agents' replies, each reported as read,
        // must not use up the shopper's allowance for writing back.
        ctx.attribute(READ_LIMITER, new RateLimiter(config.rateLimit()));
        open.incrementAndGet();
        ctx.enableAutomaticPings();
    }

    private void disconnect(WsCloseContext ctx) {
        if (ctx.attribute(LIMITER) != null) open.decrementAndGet();
        // Jetty closes a connection whose frame is far over the message limit before we see the frame.
        if (ctx.status() == 1009) refused("frame_too_large");
        String conversation = ctx.attribute(CONVERSATION);
        if (conversation != null) hub.leave(conversation, ctx);
    }

    private void receive(WsMessageContext ctx) {
        java.util.Optional<JsonNode> parsed = Frames.parse(ctx.message());
        if (parsed.isEmpty()) {
            refused("malformed_frame");
            ctx.send(Frames.malformed());
            return;
        }
        JsonNode frame = parsed.get();
        String type = frame.get("type").asText();
        String conversation = ctx.attribute(CONVERSATION);
        try {
            if (type.equals("ping")) {
                ctx.send(Frames.frame("pong"));
                return;
            }
            if (type.equals("hello")) {
                hello(ctx, frame, conversation);
                return;
            }
            if (conversation == null) {
                if (isKnown(type)) refuse(ctx, "hello_required", "Send \"hello\" first", type);
                else refuse(ctx, "unknown_type", "Unknown frame type '" + type + "'", type);
                return;
            }
            if (counts(type) && !admitted(ctx, type)) return;
            if (!conversations.exists(conversation)) {
                // Erased (at the shopper's request, or past the retention period) while this tab was open:
                // like a closed one, and not a server error, which would make the widget resend for ever.
                String ref = type.equals("message") && frame.path("id").isTextual() ? frame.get("id").asText() : type;
                refuse(ctx, "closed", "This conversation no longer exists; start a new one with a new hello", ref);
                return;
            }
            switch (type) {
                case "message" -> message(ctx, frame, conversation);
                case "choose" -> choose(ctx, frame, conversation);
                case "feedback" -> feedback(ctx, frame, conversation);
                case "typing" -> agents.shopperTyping(conversations.conversation(conversation), frame.path("on").asBoolean(false));
                case "rating" -> rating(ctx, frame, conversation);
                case "request_human" -> publish(conversation, conversations.requestHuman(conversation));
                case "identify" -> identify(ctx, frame, conversation);
                case "close" -> publish(conversation, conversations.close(conversation));
                case "read" -> read(ctx, frame, conversation);
                case "erase" -> erase(ctx, conversation);
                default -> refuse(ctx, "unknown_type", "Unknown frame type '" + type + "'", type);
            }
        } catch (RuntimeException e) {
            LOG.error("handling a {} frame failed", type, e);
            // A message's error names the message, so the widget keeps it pending and sends it again;
            // its id makes the resend safe if it was stored after all.
            String ref = type.equals("message") && frame.path("id").isTextual() ? frame.get("id").asText() : type;
            refuse(ctx, "server_error", "The server could not handle this; nothing was lost, please retry", ref);
        }
    }

    private static boolean isKnown(String type) {
        return List.of("message", "choose", "feedback", "typing", "request_human", "close", "identify", "rating", "read", "erase").contains(type);
    }

    /** The frames that cost a write or an answer; a read is one write, and a widget sends one per reply it shows. */
    private static boolean counts(String type) {
        return List.of("message", "choose", "feedback", "request_human", "read", "erase").contains(type);
    }

    private boolean admitted(WsMessageContext ctx, String type) {
        RateLimiter limiter = ctx.attribute(type.equals("read") ? READ_LIMITER : LIMITER);
        return limiter.admit(ctx, () -> refuse(ctx, "rate_limited", "Too many messages; wait a few seconds", type));
    }

    private void hello(WsMessageContext ctx, JsonNode frame, String current) {
        if (current != null) hub.leave(current, ctx);
        String resume = frame.path("resume").isTextual() ? frame.get("resume").asText() : null;
        String locale = text(frame, "locale", 35);
        String page = text(frame, "page", 2048);
        long lastSeq = frame.path("lastSeq").canConvertToLong() ? Math.max(0, frame.get("lastSeq").asLong()) : 0;
        ConversationService.Opened opened = conversations.open(resume, locale, page);
        String id = opened.conversation().id();
        ctx.attribute(CONVERSATION, id);
        ctx.send(Frames.welcome(opened.conversation(), opened.resumeToken(), opened.resumed(), config.maxPhotoKb() * 1024));
        // Replay before joining the hub: a message stored meanwhile is sent by both paths at worst,
        // and the client de-duplicates by seq; joining first could not lose one either.
        hub.join(id, ctx);
        for (ChatMessage m : conversations.messagesAfter(id, opened.resumed() ? lastSeq : 0)) ctx.send(Frames.message(m));
        ctx.send(stateFrame(conversations.conversation(id)));
    }

    private void message(WsMessageContext ctx, JsonNode frame, String conversation) {
        String clientId = frame.path("id").asText("");
        if (!Frames.isClientId(clientId)) {
            refuse(ctx, "invalid_field", Frames.CLIENT_ID_RULE, "message");
            return;
        }
        JsonNode text = frame.get("text");
        if (text == null || !text.isTextual() || text.asText().isBlank()) {
            refuse(ctx, "invalid_field", "\"text\" must be a non-empty string", clientId);
            return;
        }
        if (text.asText().length() > config.maxMessageChars()) {
            refuse(ctx, "message_too_long", "Messages are limited to " + config.maxMessageChars()
                    + " characters", clientId);
            return;
        }
        if (conversations.conversation(conversation).state() == ConversationState.CLOSED) {
            // after a close the shopper may still rate; a new question needs a new conversation
            refuse(ctx, "closed", "This conversation is closed; start a new one with a new hello", clientId);
            return;
        }
        if (conversations.conversation(conversation).state() == ConversationState.BOT) {
            hub.send(conversation, Frames.typing("bot", true));
        }
        ConversationService.Outcome outcome = conversations.shopperMessage(conversation, clientId, text.asText());
        publish(conversation, outcome);
    }

    private void choose(WsMessageContext ctx, JsonNode frame, String conversation) {
        if (!frame.path("entry").isTextual() || !frame.path("seq").canConvertToLong()) {
            refuse(ctx, "invalid_field", "\"choose\" needs \"entry\" and \"seq\"", "choose");
            return;
        }
        Optional<ConversationService.Outcome> outcome = conversations.choose(conversation, frame.get("entry").asText(),
                frame.get("seq").asLong());
        if (outcome.isEmpty()) refuse(ctx, "unknown_entry", "That choice was not offered", "choose");
        else publish(conversation, outcome.get());
    }

    private void feedback(WsMessageContext ctx, JsonNode frame, String conversation) {
        if (!frame.path("seq").canConvertToLong() || !frame.path("helpful").isBoolean()) {
            refuse(ctx, "invalid_field", "\"feedback\" needs \"seq\" and a boolean \"helpful\"", "feedback");
            return;
        }
        Optional<ConversationService.Outcome> outcome = conversations.feedback(conversation, frame.get("seq").asLong(),
                frame.get("helpful").asBoolean());
        if (outcome.isEmpty()) refuse(ctx, "unknown_message", "No bot message with that seq", "feedback");
        else publish(conversation, outcome.get());
    }

    private void identify(WsMessageContext ctx, JsonNode frame, String conversation) {
        String id = text(frame, "id", 200);
        String email = text(frame, "email", 320);
        String name = text(frame, "name", 200);
        if (id == null && email == null && name == null) {
            refuse(ctx, "invalid_field", "\"identify\" needs at least one of id, email, name", "identify");
            return;
        }
        long timestamp = frame.path("timestamp").canConvertToLong() ? frame.get("timestamp").asLong() : 0;
        ShopperIdentity identity = conversations.identify(conversation, id, email, name, timestamp,
                text(frame, "signature", 128), verifier);
        Map<String, Object> reply = Frames.frame("identified");
        reply.put("verified", identity.verified());
        ctx.send(reply);
    }

    /** The widget has shown the shopper the conversation up to seq: replies up to there are not emailed. No answer frame. */
    private void read(WsMessageContext ctx, JsonNode frame, String conversation) {
        if (!frame.path("seq").canConvertToLong() || frame.get("seq").asLong() < 1) {
            refuse(ctx, "invalid_field", "\"read\" needs the \"seq\" of the last message shown", "read");
            return;
        }
        if (conversations.markRead(conversation, frame.get("seq").asLong())) agents.shopperRead(conversations.conversation(conversation));
    }

    /**
     * The shopper deletes their conversation from the widget: erased like an admin's erasure (its
     * messages, events and the bot's records), and every open tab of it is told, so none keeps
     * showing it. Not while a person has it or it waits for one (the agent would answer nothing).
     */
    private void erase(WsMessageContext ctx, String conversation) {
        if (!privacy.eraseAtShoppersRequest(conversation).erased()) {
            refuse(ctx, "erase_refused", "A person is handling this conversation; it can be deleted once it is closed", "erase");
            return;
        }
        hub.send(conversation, Frames.frame("erased"));
    }

    private void rating(WsMessageContext ctx, JsonNode frame, String conversation) {
        int score = frame.path("score").asInt(0);
        String comment = text(frame, "comment", 2000);
        if (!conversations.rate(conversation, score, comment)) {
            refuse(ctx, "invalid_field", "A rating is 1-5, once, after a person closed the conversation", "rating");
            return;
        }
        ctx.send(Frames.frame("rated"));
    }

    /** Sends what an action produced to every tab of the conversation and to the agents (also for a picture's upload). */
    void publish(String conversation, ConversationService.Outcome outcome) {
        hub.send(conversation, Frames.typing("bot", false));
        List<ChatMessage> messages = new java.util.ArrayList<>(outcome.messages());
        if (messages.stream().anyMatch(m -> "waiting".equals(m.systemKey()))
                && (!agents.anyAgentOnline() || !businessHours.open(java.time.Instant.now()))) {
            // Nobody to take it now: say so and keep it as a ticket; agents see it in the queue when they come.
            messages.addAll(conversations.offlineNotice(conversation).messages());
        }
        relay(new ConversationService.Outcome(messages, outcome.conversation()));
    }

    /** Sends new messages and the state to every tab of the conversation and to the agents (also for an answer by email). */
    void relay(ConversationService.Outcome outcome) {
        String conversation = outcome.conversation().id();
        for (ChatMessage m : outcome.messages()) hub.send(conversation, Frames.message(m));
        hub.send(conversation, stateFrame(outcome.conversation()));
        agents.conversationChanged(outcome.conversation(), outcome.messages());
    }

    private Object stateFrame(Conversation c) {
        Map<String, Object> frame = Frames.state(c, c.state() == ConversationState.WAITING ? conversations.queuePosition(c.id()) : 0);
        agents.agentName(c).ifPresent(name -> frame.put("agent", name));
        return frame;
    }

    private static String text(JsonNode frame, String field, int max) {
        JsonNode node = frame.get(field);
        if (node == null || !node.isTextual() || node.asText().isBlank()) return null;
        String value = node.asText().strip();
        return value.length() <= max ? value : value.substring(0, max);
    }
}
