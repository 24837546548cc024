package dev.babeldesk.web;

import dev.babeldesk.conversation.Conversation;
import dev.babeldesk.conversation.ConversationStore;
import dev.babeldesk.conversation.ShopperIdentity;
import dev.babeldesk.handoff.Agent;
import dev.babeldesk.privacy.PrivacyService;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The admin page's endpoints for requests about a shopper's personal data (docs/admin-api.md):
 * find their conversations, download one whole, erase one. Every one needs an admin session.
 */
final class PrivacyApi {
    /** Longest query: an email address. */
    static final int MAX_QUERY = 320;

    private final AgentApi agents;
    private final PrivacyService privacy;
    private final Clock clock;

    PrivacyApi(AgentApi agents, PrivacyService privacy, Clock clock) {
        this.agents = agents;
        this.privacy = privacy;
        this.clock = clock;
    }

    void routes(RoutesConfig routes) {
        routes.get("/api/admin/privacy/conversations", ctx -> {
            agents.requireAdmin(ctx);
            String q = ctx.queryParam("q");
            if (q == null || q.strip().length() < 3 || q.length() > MAX_QUERY) {
                throw new AdminApi.Refused("bad_query", "q is an email address, a shopper id, a conversation id, or at least "
                        + PrivacyService.MIN_TEXT_LENGTH + " characters the shopper wrote (at most " + MAX_QUERY + ")");
            }
            ctx.json(Map.of("conversations", privacy.find(q).stream().map(PrivacyApi::found).toList(),
                    "retentionDays", privacy.retention().toDays()));
        });
        routes.get("/api/admin/privacy/conversations/{id}", ctx -> {
            agents.requireAdmin(ctx);
            String id = ctx.pathParam("id");
            var export = privacy.export(id);
            if (export.isEmpty()) {
                notFound(ctx, id);
                return;
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("conversation", conversation(export.get().conversation()));
            out.put("shopper", shopper(export.get().shopper()));
            out.put("messages", export.get().messages().stream().map(Frames::message).toList());
            // The pictures belong to the shopper's data too: inline, so the file stands alone.
            out.put("photos", export.get().photos().stream().map(p -> Map.of("id", p.id(), "mime", p.mime(),
                    "width", p.width(), "height", p.height(),
                    "data", "data:" + p.mime() + ";base64," + java.util.Base64.getEncoder().encodeToString(p.bytes()))).toList());
            ConversationStore.Rating rating = export.get().rating();
            out.put("rating", rating == null ? null : new LinkedHashMap<>(Map.of("score", rating.score(),
                    "comment", rating.comment() == null ? "" : rating.comment())));
            out.put("exportedAt", clock.instant().toString());
            // A download, named so that several requests do not overwrite each other's file.
            ctx.header("Content-Disposition", "attachment; filename=\"babeldesk-conversation-" + id.replaceAll("[^A-Za-z0-9_-]", "")
                    + ".json\"");
            ctx.json(out);
        });
        routes.delete("/api/admin/privacy/conversations/{id}", ctx -> {
            Agent admin = agents.requireAdmin(ctx);
            String id = ctx.pathParam("id");
            PrivacyService.Erasure erasure = privacy.erase(id, admin.email());
            if (erasure.erased()) {
                ctx.json(Map.of("erased", id));
            } else if (erasure.refusal() == PrivacyService.Refusal.NOT_FOUND) {
                notFound(ctx, id);
            } else {
                ctx.status(409).json(Map.of("error", "open_conversation",
                        "message", "A person is handling this conversation: close it in the console first"));
            }
        });
    }

    private static void notFound(Context ctx, String id) {
        ctx.status(404).json(Map.of("error", "not_found", "message", "no conversation " + id));
    }

    private static Map<String, Object> found(ConversationStore.Found f) {
        Map<String, Object> out = conversation(f.conversation());
        out.put("shopper", shopper(f.shopper()));
        out.put("messages", f.messages());
        out.put("matchedBy", f.matchedBy());
        return out;
    }

    private static Map<String, Object> conversation(Conversation c) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", c.id());
        out.put("state", c.state().name().toLowerCase(Locale.ROOT));
        out.put("language", c.language());
        out.put("createdAt", c.createdAt().toString());
        out.put("updatedAt", c.updatedAt().toString());
        return out;
    }

    private static Map<String, Object> shopper(ShopperIdentity s) {
        if (s == null) return null;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", s.id());
        out.put("email", s.email());
        out.put("name", s.name());
        out.put("verified", s.verified());
        return out;
    }
}
