package dev.babeldesk.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.babeldesk.handoff.Agent;
import dev.babeldesk.handoff.AgentService;
import dev.babeldesk.handoff.Role;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import io.javalin.http.UnauthorizedResponse;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.BadRequestResponse;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Agents' HTTP endpoints: login / logout / who am I, and the admin's agent management. The
 * session travels in an HttpOnly, SameSite=Strict cookie; a shopper's resume token is a different
 * kind of token in a different store and never opens these.
 */
final class AgentApi {
    static final String COOKIE = "bd_session";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AgentService agents;
    private final ClientAddress clients;
    /** Told the id of an agent whose account changed: their consoles follow (closed when the session ended). */
    private final java.util.function.Consumer<String> accountChanged;

    AgentApi(AgentService agents, ClientAddress clients, java.util.function.Consumer<String> accountChanged) {
        this.agents = agents;
        this.clients = clients;
        this.accountChanged = accountChanged;
    }

    void routes(RoutesConfig routes) {
        routes.post("/api/agent/login", this::login);
        routes.post("/api/agent/logout", this::logout);
        routes.get("/api/agent/me", ctx -> ctx.json(view(requireAgent(ctx))));
        routes.get("/api/admin/agents", ctx -> {
            requireAdmin(ctx);
            ctx.json(agents.agents().stream().map(AgentApi::view).toList());
        });
        routes.post("/api/admin/agents", this::createAgent);
        routes.patch("/api/admin/agents/{id}", this::updateAgent);
        routes.post("/api/admin/agents/{id}/password", this::resetPassword);
        routes.post("/api/agent/password", this::changePassword);
    }

    /** The logged-in admin, or 401 / 403. */
    Agent requireAdmin(Context ctx) {
        Agent agent = requireAgent(ctx);
        if (agent.role() != Role.ADMIN) throw new ForbiddenResponse("admins only");
        return agent;
    }

    /** The logged-in agent, or 401. */
    Agent requireAgent(Context ctx) {
        return authenticated(ctx).orElseThrow(() -> new UnauthorizedResponse("log in first"));
    }

    Optional<Agent> authenticated(Context ctx) {
        return agents.authenticate(ctx.cookie(COOKIE));
    }

    private void login(Context ctx) {
        JsonNode body = body(ctx);
        try {
            AgentService.Login login = agents.login(body.path("email").asText(""), body.path("password").asText(""), clients.ip(ctx));
            int maxAge = (int) Math.max(1, (login.expiresAt().toEpochMilli() - System.currentTimeMillis()) / 1000);
            ctx.cookie(new Cookie(COOKIE, login.token(), "/", maxAge, clients.secure(ctx), true, null, SameSite.STRICT));
            ctx.json(view(login.agent()));
        } catch (AgentService.LoginRefused refused) {
            if (refused.reason() == AgentService.Refusal.TOO_MANY_ATTEMPTS) {
                ctx.status(429).json(Map.of("error", "too_many_attempts", "message", "Too many failed logins; try again in 15 minutes"));
            } else {
                ctx.status(401).json(Map.of("error", "wrong_credentials", "message", "Wrong email or password"));
            }
        }
    }

    private void logout(Context ctx) {
        agents.logout(ctx.cookie(COOKIE));
        ctx.removeCookie(COOKIE, "/");
        ctx.status(204);
    }

    private void createAgent(Context ctx) {
        requireAdmin(ctx);
        JsonNode body = body(ctx);
        List<String> languages = languages(body.path("languages").asText(""));
        Role role = "admin".equalsIgnoreCase(body.path("role").asText("agent")) ? Role.ADMIN : Role.AGENT;
        try {
            Agent created = agents.create(body.path("email").asText(""), body.path("name").asText(""), languages,
                    body.path("capacity").asInt(3), role, body.path("password").asText(""));
            ctx.status(201).json(view(created));
        } catch (IllegalArgumentException e) {
            throw new BadRequestResponse(e.getMessage());
        }
    }

    private void updateAgent(Context ctx) {
        Agent admin = requireAdmin(ctx);
        JsonNode body = body(ctx);
        String role = body.path("role").asText(null);
        if (role != null && !List.of("agent", "admin").contains(role)) throw new BadRequestResponse("role is agent or admin");
        if (body.has("active") && !body.get("active").isBoolean()) throw new BadRequestResponse("active is true or false");
        if (body.has("capacity") && !body.get("capacity").canConvertToInt()) throw new BadRequestResponse("capacity is a whole number");
        AgentService.Changes changes = new AgentService.Changes(body.path("name").asText(null),
                body.has("languages") ? languages(body.get("languages").asText("")) : null,
                body.has("capacity") ? body.get("capacity").asInt() : null,
                role == null ? null : Role.valueOf(role.toUpperCase(java.util.Locale.ROOT)),
                body.has("active") ? body.get("active").asBoolean() : null);
        Optional<Agent> updated;
        try {
            updated = agents.update(admin, ctx.pathParam("id"), changes);
        } catch (IllegalArgumentException e) {
            throw new BadRequestResponse(e.getMessage());
        } catch (IllegalStateException e) {
            ctx.status(409).json(Map.of("error", "conflict", "message", e.getMessage()));
            return;
        }
        if (updated.isEmpty()) throw new io.javalin.http.NotFoundResponse("no such agent");
        accountChanged.accept(updated.get().id());
        ctx.json(view(updated.get()));
    }

    private void resetPassword(Context ctx) {
        requireAdmin(ctx);
        String id = ctx.pathParam("id");
        try {
            if (!agents.resetPassword(id, body(ctx).path("password").asText(""))) throw new io.javalin.http.NotFoundResponse("no such agent");
        } catch (IllegalArgumentException e) {
            throw new BadRequestResponse(e.getMessage());
        }
        accountChanged.accept(id);
        ctx.status(204);
    }

    private void changePassword(Context ctx) {
        Agent agent = requireAgent(ctx);
        JsonNode body = body(ctx);
        try {
            agents.changePassword(agent, ctx.cookie(COOKIE), body.path("current").asText(""), body.path("password").asText(""));
        } catch (IllegalArgumentException e) {
            throw new BadRequestResponse(e.getMessage());
        } catch (AgentService.LoginRefused refused) {
            if (refused.reason() == AgentService.Refusal.TOO_MANY_ATTEMPTS) {
                ctx.status(429).json(Map.of("error", "too_many_attempts", "message", "Too many wrong passwords; try again in 15 minutes"));
            } else {
                ctx.status(403).json(Map.of("error", "wrong_password", "message", "The current password is wrong"));
            }
            return;
        }
        accountChanged.accept(agent.id());
        ctx.status(204);
    }

    private static List<String> languages(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    static JsonNode body(Context ctx) {
        try {
            JsonNode node = JSON.readTree(ctx.body());
            if (node == null || !node.isObject()) throw new BadRequestResponse("expected a JSON object");
            return node;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new BadRequestResponse("expected a JSON object");
        }
    }

    static Map<String, Object> view(Agent a) {
        return Map.of("id", a.id(), "email", a.email(), "name", a.name(), "languages", a.languages(),
                "capacity", a.capacity(), "role", a.role().name().toLowerCase(java.util.Locale.ROOT), "active", a.active());
    }
}
