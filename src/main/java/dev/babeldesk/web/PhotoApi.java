package dev.babeldesk.web;

import dev.babeldesk.conversation.ChatMessage;
import dev.babeldesk.conversation.Conversation;
import dev.babeldesk.conversation.ConversationService;
import dev.babeldesk.conversation.ConversationState;
import dev.babeldesk.handoff.Agent;
import dev.babeldesk.handoff.HandoffService;
import dev.babeldesk.photo.Photo;
import dev.babeldesk.photo.PhotoRefused;
import dev.babeldesk.photo.PhotoSanitizer;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;

/**
 * Pictures shoppers send (docs/protocol.md, "Pictures"). The widget runs on the shop's page, so
 * uploads come from another origin: over HTTP with the conversation's resume token as a bearer
 * token, answered with CORS headers for the allowed shop origins only. A shopper sees the pictures
 * of their own conversation; agents see all (they see every conversation in the queue).
 */
final class PhotoApi {
    /** Enough for any after-sales case; more is a flood, not evidence. */
    static final int MAX_PER_CONVERSATION = 20;
    private static final Logger LOG = LoggerFactory.getLogger(PhotoApi.class);

    private final ConversationService conversations;
    private final PhotoSanitizer sanitizer;
    private final OriginPolicy origins;
    private final AgentApi agents;
    private final ChatSocket chat;
    private final AgentSocket agentSocket;
    private final HandoffService handoff;
    private final MeterRegistry meters;
    private final ClientAddress clients;
    private final UploadThrottle throttle = new UploadThrottle();

    /** @param sanitizer null when pictures are off ({@code chat.max-photo-kb: 0}) */
    PhotoApi(ConversationService conversations, HandoffService handoff, PhotoSanitizer sanitizer, OriginPolicy origins,
             AgentApi agents, ChatSocket chat, AgentSocket agentSocket, ClientAddress clients, MeterRegistry meters) {
        this.handoff = handoff;
        this.agentSocket = agentSocket;
        this.clients = clients;
        this.conversations = conversations;
        this.sanitizer = sanitizer;
        this.origins = origins;
        this.agents = agents;
        this.chat = chat;
        this.meters = meters;
    }

    void routes(RoutesConfig routes) {
        routes.options("/api/chat/photos", this::preflight);
        routes.options("/api/chat/photos/{id}", this::preflight);
        routes.post("/api/chat/photos", this::upload);
        routes.post("/api/agent/photos", this::agentUpload);
        routes.get("/api/chat/photos/{id}", this::shopperView);
        routes.get("/api/agent/photos/{id}", ctx -> {
            agents.requireAgent(ctx);
            Optional<Photo> photo = conversations.photo(ctx.pathParam("id"));
            if (photo.isEmpty()) refuse(ctx, 404, "not_found", "No such picture");
            else serve(ctx, photo.get(), "private, max-age=3600");
        });
    }

    /** The browser asks before sending the token from the shop's page; only allowed origins hear yes. */
    private void preflight(Context ctx) {
        if (!corsAllowed(ctx)) return;
        ctx.header("Access-Control-Allow-Methods", "GET, POST");
        ctx.header("Access-Control-Allow-Headers", "Authorization, Content-Type");
        ctx.header("Access-Control-Max-Age", "600");
        ctx.status(204);
    }

    /**
     * Sets the CORS headers for an allowed origin; answers 403 and false for any other. A request
     * without an Origin is no browser's and needs none.
     */
    private boolean corsAllowed(Context ctx) {
        String origin = ctx.header("Origin");
        ctx.header("Vary", "Origin");
        if (!origins.allows(origin, ctx.header("Host"))) {
            refuse(ctx, 403, "origin_not_allowed", "This page may not use the chat");
            return false;
        }
        if (origin != null) ctx.header("Access-Control-Allow-Origin", origin);
        return true;
    }

    /** The conversation of the request's bearer resume token, or empty after answering 401. */
    private Optional<Conversation> shopper(Context ctx) {
        String header = ctx.header("Authorization");
        Optional<Conversation> conversation = header != null && header.startsWith("Bearer ") && header.length() > 7
                ? conversations.byResumeToken(header.substring(7).strip()) : Optional.empty();
        if (conversation.isEmpty()) refuse(ctx, 401, "unauthorized", "Send the conversation's resume token as Authorization: Bearer <token>");
        return conversation;
    }

    private void upload(Context ctx) {
        count("shopper", () -> receive(ctx), ctx);
    }

    /** Runs an upload and counts its outcome (the code of its answer) by who sent it. */
    private void count(String from, java.util.function.Supplier<String> upload, Context ctx) {
        String outcome;
        try {
            outcome = upload.get();
        } catch (RuntimeException e) {
            // The database is away. A picture and its message are stored in one transaction, and a
            // resend with the same id is stored once, so retrying is always safe.
            LOG.error("taking a picture failed", e);
            outcome = refuse(ctx, 503, "server_error", "The server could not take the picture now; please retry");
        }
        meters.counter("babeldesk.chat.photos", "from", from, "outcome", outcome).increment();
    }

    /** Takes an upload or refuses it; the outcome's code, for the metric. */
    private String receive(Context ctx) {
        if (!corsAllowed(ctx)) return "origin_not_allowed";
        if (sanitizer == null) return refuse(ctx, 404, "photos_off", "This shop does not take pictures in the chat");
        Optional<Conversation> found = shopper(ctx);
        if (found.isEmpty()) return "unauthorized";
        Conversation conversation = found.get();
        String clientId = ctx.queryParam("id");
        if (!Frames.isClientId(clientId)) {
            return refuse(ctx, 400, "invalid_field", Frames.CLIENT_ID_RULE);
        }
        Optional<ChatMessage> stored = conversations.storedShopperMessage(conversation.id(), clientId);
        if (stored.isPresent()) {
            // A resend after a lost answer: the same answer, whatever limit the first upload has reached since.
            ctx.status(201).json(Frames.message(stored.get()));
            return "resent";
        }
        if (conversation.state() == ConversationState.CLOSED) {
            return refuse(ctx, 409, "closed", "This conversation is closed; start a new one");
        }
        if (!throttle.admit(clients.ip(ctx), System.currentTimeMillis())) {
            return refuse(ctx, 429, "rate_limited", "Too many pictures from this address; try again in a few minutes");
        }
        // Counted again when it is stored; this spares decoding a picture that cannot be taken.
        if (conversations.photoCount(conversation.id()) >= MAX_PER_CONVERSATION) return tooMany(ctx);
        Picture picture = picture(ctx, conversation.id());
        if (picture.refused() != null) return picture.refused();
        Photo photo = picture.photo();
        Optional<ConversationService.Outcome> taken = conversations.shopperPhoto(conversation.id(), clientId, photo, MAX_PER_CONVERSATION);
        if (taken.isEmpty()) return tooMany(ctx); // another upload took the last place meanwhile
        ConversationService.Outcome outcome = taken.get();
        chat.publish(conversation.id(), outcome);
        ctx.status(201).json(Frames.message(outcome.messages().get(0)));
        return "stored";
    }

    /** The request's picture as the server redrew it, or the code of the refusal already answered. */
    private record Picture(Photo photo, String refused) {}

    private Picture picture(Context ctx, String conversationId) {
        String tooLarge = "Pictures are limited to " + sanitizer.maxBytes() / 1024 + " KB";
        if (ctx.req().getContentLengthLong() > sanitizer.maxBytes()) return new Picture(null, refuse(ctx, 413, "photo_too_large", tooLarge));
        byte[] upload;
        try (InputStream body = ctx.req().getInputStream()) {
            // One byte over the limit tells a too-large body without reading all of it.
            upload = body.readNBytes(sanitizer.maxBytes() + 1);
        } catch (IOException e) {
            return new Picture(null, refuse(ctx, 400, "upload_failed", "The upload was cut off"));
        }
        try {
            return new Picture(sanitizer.sanitize(upload, conversationId), null);
        } catch (PhotoRefused refused) {
            return new Picture(null, switch (refused.reason()) {
                case TOO_LARGE -> refuse(ctx, 413, "photo_too_large", tooLarge);
                case TOO_MANY_PIXELS -> refuse(ctx, 413, "too_many_pixels", refused.getMessage());
                case NOT_A_PICTURE -> refuse(ctx, 415, "not_a_picture", refused.getMessage());
                case BUSY -> refuse(ctx, 503, "busy", refused.getMessage());
            });
        }
    }

    /** An agent's picture for the shopper of the conversation the agent has (same origin, the session cookie). */
    private void agentUpload(Context ctx) {
        Agent agent = agents.requireAgent(ctx);
        count("agent", () -> receiveFromAgent(ctx, agent), ctx);
    }

    private String receiveFromAgent(Context ctx, Agent agent) {
        if (sanitizer == null) return refuse(ctx, 404, "photos_off", "Pictures are off (chat.max-photo-kb: 0)");
        String conversation = ctx.queryParam("conversation");
        String clientId = ctx.queryParam("id");
        if (conversation == null) return refuse(ctx, 400, "invalid_field", "\"conversation\" is needed");
        if (!Frames.isClientId(clientId)) {
            return refuse(ctx, 400, "invalid_field", Frames.CLIENT_ID_RULE);
        }
        Picture picture = picture(ctx, conversation);
        if (picture.refused() != null) return picture.refused();
        HandoffService.Result result = handoff.photo(agent, conversation, clientId, picture.photo(), MAX_PER_CONVERSATION);
        return switch (result.status()) {
            case OK -> {
                agentSocket.relay(result);
                ctx.status(201).json(Frames.message(result.messages().get(0)));
                yield "stored";
            }
            case TOO_MANY -> tooMany(ctx);
            default -> refuse(ctx, 403, "not_yours", "Only the agent who has the conversation sends pictures in it");
        };
    }

    private void shopperView(Context ctx) {
        if (!corsAllowed(ctx)) return;
        Optional<Conversation> conversation = shopper(ctx);
        if (conversation.isEmpty()) return;
        Optional<Photo> photo = conversations.photo(ctx.pathParam("id"));
        // Another conversation's picture is answered exactly like a missing one.
        if (photo.isEmpty() || !photo.get().conversationId().equals(conversation.get().id())) {
            refuse(ctx, 404, "not_found", "No such picture in this conversation");
            return;
        }
        serve(ctx, photo.get(), "no-store");
    }

    /**
     * The stored bytes, which this server encoded; still never to be taken for a page or a script.
     *
     * @param cache the Cache-Control value: a shopper's browser keeps nothing (a shared computer must not
     *              keep a picture after the conversation is deleted; the widget keeps it in memory)
     */
    private static void serve(Context ctx, Photo photo, String cache) {
        ctx.contentType(photo.mime());
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Content-Security-Policy", "default-src 'none'; sandbox");
        ctx.header("Cache-Control", cache);
        ctx.header("Content-Disposition", "inline; filename=\"photo-" + photo.id() + (photo.mime().equals("image/png") ? ".png" : ".jpg") + "\"");
        ctx.result(photo.bytes());
    }

    private static String tooMany(Context ctx) {
        return refuse(ctx, 429, "too_many_photos", "A conversation takes at most " + MAX_PER_CONVERSATION + " pictures");
    }

    /** Answers an error in the API's shape; returns its code. */
    private static String refuse(Context ctx, int status, String code, String message) {
        ctx.status(status).json(Map.of("error", code, "message", message));
        return code;
    }
}
