package dev.babeldesk.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.babeldesk.answering.AnswerEngine;
import dev.babeldesk.cluster.NodeBus;
import dev.babeldesk.config.Config;
import dev.babeldesk.conversation.ConversationService;
import dev.babeldesk.conversation.SystemMessages;
import dev.babeldesk.handoff.AgentService;
import dev.babeldesk.handoff.HandoffService;
import dev.babeldesk.insight.InsightService;
import dev.babeldesk.learning.LearningService;
import dev.babeldesk.BabelDesk;
import dev.babeldesk.metrics.ServerMetrics;
import dev.babeldesk.photo.PhotoSanitizer;
import dev.babeldesk.privacy.PrivacyService;
import io.javalin.Javalin;
import io.micrometer.core.instrument.Gauge;
import io.javalin.websocket.WsMessageContext;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** HTTP and websocket endpoints; knows the services, never the other way round. */
public final class WebServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ASK_LIMITER = "ask-limiter";

    private final Javalin app;
    private final AgentSocket agentSocket;
    private final ChatSocket chat;
    private final InFlight inFlight = new InFlight();
    private final String host;
    private final int port;

    public WebServer(Config config, BabelDesk.KnowledgeService knowledge, ConversationService conversations,
                     SystemMessages texts, AgentService agentService, HandoffService handoff, InsightService insight,
                     LearningService learning, PrivacyService privacy, NodeBus bus, ServerMetrics metrics) {
        ChatHub shoppers = new ChatHub(bus);
        AgentSocket agentSocket = this.agentSocket = new AgentSocket(agentService, handoff, shoppers, config.maxMessageChars(),
                Duration.ofSeconds(config.graceSeconds()), inFlight, bus);
        ChatSocket chat = this.chat = new ChatSocket(conversations, shoppers, config, agentSocket, privacy, inFlight, metrics.registry());
        Gauge.builder("babeldesk.agents.connected", agentSocket, AgentSocket::agentsConnected)
                .description("Agents with a console open, on any node as this node knows them").register(metrics.registry());
        // Asked of the database at each scrape (every 15-60 s), not kept up to date by every state change.
        Gauge.builder("babeldesk.queue.waiting", handoff, HandoffService::waiting)
                .description("Conversations waiting for a person").register(metrics.registry());
        ClientAddress clients = new ClientAddress(config.trustedProxies());
        AgentApi agents = new AgentApi(agentService, clients, agentSocket::accountChanged);
        AdminApi admin = new AdminApi(agents, insight, knowledge, config.maxMessageChars(), java.time.Clock.systemUTC(),
                () -> bus.publish(new dev.babeldesk.cluster.NodeEvent(bus.nodeId(), dev.babeldesk.cluster.NodeEvent.Kind.KNOWLEDGE, "", "")));
        LearningApi learningApi = new LearningApi(agents, learning, config.maxMessageChars(), java.time.Clock.systemUTC());
        PrivacyApi privacyApi = new PrivacyApi(agents, privacy, java.time.Clock.systemUTC());
        PhotoApi photos = new PhotoApi(conversations, handoff, config.maxPhotoKb() == 0 ? null : new PhotoSanitizer(config.maxPhotoKb() * 1024),
                new OriginPolicy(config.allowedOrigins()), agents, chat, agentSocket, clients, metrics.registry());
        WidgetAssets assets = new WidgetAssets(texts);
        this.app = Javalin.create(javalin -> {
            javalin.concurrency.useVirtualThreads = true;
            javalin.startup.showJavalinBanner = false;
            // The server is built while the models load and listens only once they are ready; a first
            // start embeds the whole base and takes longer than the 5 s after which Javalin's watcher
            // would warn "you created a Javalin instance, but you never started it".
            javalin.startup.startupWatcherEnabled = false;
            javalin.jetty.modifyWebSocketServletFactory(factory -> {
                // Frames far above the message limit are cut off by Jetty (close 1009) before we parse them.
                factory.setMaxTextMessageSize(Math.max(64 * 1024, config.maxMessageChars() * 4L + 1024));
                factory.setIdleTimeout(Duration.ofMinutes(10));
            });
            // API clients get one error shape whatever they send as Accept (Javalin answers plain text
            // unless the request accepts JSON): {"error": "forbidden", "message": "admins only"}.
            javalin.routes.exception(io.javalin.http.HttpResponseException.class, (e, ctx) -> {
                ctx.status(e.getStatus());
                if (ctx.path().startsWith("/api/")) {
                    ctx.json(Map.of("error", io.javalin.http.HttpStatus.forStatus(e.getStatus()).name().toLowerCase(java.util.Locale.ROOT),
                            "message", e.getMessage()));
                } else {
                    ctx.contentType("text/plain; charset=utf-8").result(e.getMessage());
                }
            });
            javalin.routes.get("/health", ctx -> {
                var snapshot = knowledge.snapshot();
                ctx.json(Map.of(
                        "status", "ok",
                        "entries", snapshot.knowledgeBase().size(),
                        "languages", snapshot.knowledgeBase().languages(),
                        "knowledgeBaseErrors", snapshot.errors().size()));
            });
            javalin.routes.get("/metrics", ctx -> metrics(ctx, config.metricsToken(), metrics));
            // Every question costs the bot a few milliseconds of CPU: the same per-connection limit as the chat.
            javalin.routes.ws("/ws/ask", ws -> {
                ws.onConnect(ctx -> ctx.attribute(ASK_LIMITER, new RateLimiter(config.rateLimit())));
                ws.onMessage(ctx -> {
                    RateLimiter limiter = ctx.attribute(ASK_LIMITER);
                    if (limiter.admit(ctx, () -> ctx.send(error("rate_limited", "Too many questions; wait a few seconds")))) {
                        ask(ctx, knowledge.engine(), config);
                    }
                });
            });
            javalin.routes.ws("/ws/chat", chat::configure);
            agents.routes(javalin.routes);
            admin.routes(javalin.routes);
            learningApi.routes(javalin.routes);
            privacyApi.routes(javalin.routes);
            photos.routes(javalin.routes);
            // The agents' live channel: nothing passes without a valid session (the console builds on it).
            javalin.routes.ws("/ws/agent", agentSocket::configure);
            javalin.routes.get("/api/agent/search", ctx -> {
                agents.requireAgent(ctx);
                String q = ctx.queryParam("q");
                if (q == null || q.isBlank() || q.length() > config.maxMessageChars()) {
                    throw new io.javalin.http.BadRequestResponse("q must be 1.." + config.maxMessageChars() + " characters");
                }
                String lang = ctx.queryParam("lang");
                var engine = knowledge.engine();
                ctx.json(engine.search(q, lang == null ? config.defaultLanguage() : lang, 8).stream().map(e -> Map.of(
                        "id", e.id(), "title", e.title(), "language", e.language(), "html", e.html(),
                        "markdown", e.markdown())).toList());
            });
            for (String file : List.of("index.html", "console.js", "console.css")) {
                javalin.routes.get(file.equals("index.html") ? "/console" : "/console/" + file,
                        ctx -> WidgetAssets.serveStaffPage(ctx, "/web-widget/console/" + file));
            }
            // What the console and the admin page share: DOM builder, sanitiser, sign-in form.
            javalin.routes.get("/shared/pages.js", ctx -> WidgetAssets.servePage(ctx, "/web-widget/shared/pages.js"));
            javalin.routes.get("/widget.js", ctx -> {
                if (assets.script() == null) {
                    ctx.status(404).result("widget not packaged");
                    return;
                }
                ctx.contentType("text/javascript; charset=utf-8").header("Cache-Control", "public, max-age=300")
                        .header("Access-Control-Allow-Origin", "*").result(assets.script());
            });
            javalin.routes.get("/", ctx -> {
                if (assets.demoPage() == null) {
                    ctx.status(404).result("demo page not packaged");
                    return;
                }
                ctx.contentType("text/html; charset=utf-8").result(assets.demoPage());
            });
        });
        this.host = config.host();
        this.port = config.port();
    }

    /** Starts listening; before this the server is built but answers nothing. */
    public void start() {
        app.start(host, port);
    }

    /** Minimal text-in / answer-out exchange: {"text": "...", "locale": "de"} gives an answer frame. */
    private static void ask(WsMessageContext ctx, AnswerEngine engine, Config config) {
        JsonNode frame;
        try {
            frame = JSON.readTree(ctx.message());
        } catch (Exception e) {
            ctx.send(error("malformed_frame", "Expected a JSON object like {\"text\": \"...\"}"));
            return;
        }
        JsonNode text = frame == null ? null : frame.get("text");
        if (text == null || !text.isTextual() || text.asText().isBlank()) {
            ctx.send(error("missing_text", "The frame needs a non-empty \"text\""));
            return;
        }
        if (text.asText().length() > config.maxMessageChars()) {
            ctx.send(error("message_too_long", "Messages are limited to " + config.maxMessageChars() + " characters"));
            return;
        }
        JsonNode locale = frame.get("locale");
        ctx.send(AnswerView.of(engine.answer(text.asText(), locale != null && locale.isTextual() ? locale.asText() : null)));
    }

    /**
     * The meters in Prometheus' text format, for a scraper that sends the configured bearer token.
     * Off (404) without a token: the figures tell how busy the shop is and how the bot does.
     */
    private static void metrics(io.javalin.http.Context ctx, String token, ServerMetrics metrics) {
        if (token.isEmpty()) throw new io.javalin.http.NotFoundResponse("metrics are off; set metrics.token to turn them on");
        String sent = ctx.header("Authorization");
        if (sent == null || !java.security.MessageDigest.isEqual(("Bearer " + token).getBytes(java.nio.charset.StandardCharsets.UTF_8),
                sent.getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw new io.javalin.http.UnauthorizedResponse("send the metrics token as Authorization: Bearer <token>");
        }
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape());
    }

    private static Map<String, String> error(String code, String message) {
        return Map.of("type", "error", "code", code, "message", message);
    }

    /** Agents' replies of the conversation up to {@code upTo} were emailed to the shopper (handoff.ReplyMailer): its agent's console marks them. */
    public void repliesEmailed(dev.babeldesk.conversation.Conversation conversation, long upTo) {
        agentSocket.repliesEmailed(conversation, upTo);
    }

    /** A shopper wrote outside the chat (an answer by email, handoff.EmailReplies): their open tabs and the agents see it. */
    public void shopperWrote(ConversationService.Outcome outcome) {
        chat.relay(outcome);
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
        // Close handlers may still be storing a shopper's last words or requeueing an agent's chats.
        inFlight.awaitQuiet(Duration.ofSeconds(5));
        agentSocket.close();
    }
}
