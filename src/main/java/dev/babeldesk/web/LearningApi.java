package dev.babeldesk.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.babeldesk.handoff.Agent;
import dev.babeldesk.insight.Period;
import dev.babeldesk.learning.LearningService;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.time.Clock;
import java.util.Map;

/**
 * The admin page's endpoints for learning from shoppers' picks (docs/admin-api.md): the picks to
 * review, the learned phrasings, approve, reject, remove. Every one needs an admin session.
 */
final class LearningApi {
    private final AgentApi agents;
    private final LearningService learning;
    private final int maxMessageChars;
    private final Clock clock;

    LearningApi(AgentApi agents, LearningService learning, int maxMessageChars, Clock clock) {
        this.agents = agents;
        this.learning = learning;
        this.maxMessageChars = maxMessageChars;
        this.clock = clock;
    }

    void routes(RoutesConfig routes) {
        routes.exception(LearningService.Refused.class,
                (e, ctx) -> ctx.status(400).json(Map.of("error", e.code(), "message", e.getMessage())));
        routes.get("/api/admin/learning", ctx -> {
            agents.requireAdmin(ctx);
            Period period = AdminApi.period(ctx.queryParam("from"), ctx.queryParam("to"), clock);
            ctx.json(Map.of("suggestions", learning.suggestions(period), "learned", learning.learned()));
        });
        routes.post("/api/admin/learning/approve", ctx -> {
            Agent admin = agents.requireAdmin(ctx);
            Decision d = decision(ctx);
            ctx.json(Map.of("learned", learning.approve(d.language(), d.entry(), d.text(), admin.name())));
        });
        routes.post("/api/admin/learning/reject", ctx -> {
            Agent admin = agents.requireAdmin(ctx);
            Decision d = decision(ctx);
            learning.reject(d.language(), d.entry(), d.text(), admin.name());
            ctx.json(Map.of());
        });
        routes.delete("/api/admin/learning/{id}", ctx -> {
            agents.requireAdmin(ctx);
            if (!learning.remove(ctx.pathParam("id"))) {
                ctx.status(404).json(Map.of("error", "not_found", "message", "no learned phrasing " + ctx.pathParam("id")));
                return;
            }
            ctx.json(Map.of());
        });
    }

    private record Decision(String language, String entry, String text) {}

    private Decision decision(Context ctx) {
        JsonNode body = AgentApi.body(ctx);
        String text = AdminApi.text(body, maxMessageChars);
        return new Decision(body.path("language").asText(null), body.path("entry").asText(null), text);
    }
}
