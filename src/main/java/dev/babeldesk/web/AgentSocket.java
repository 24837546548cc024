package dev.babeldesk.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.babeldesk.cluster.ClusterPresence;
import dev.babeldesk.cluster.NodeBus;
import dev.babeldesk.cluster.NodeEvent;
import dev.babeldesk.conversation.ChatMessage;
import dev.babeldesk.conversation.Conversation;
import dev.babeldesk.conversation.ConversationState;
import dev.babeldesk.handoff.Agent;
import dev.babeldesk.handoff.AgentService;
import dev.babeldesk.handoff.HandoffService;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsConnectContext;
import io.javalin.websocket.WsContext;
import io.javalin.websocket.WsMessageContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The agents' console channel (docs/agent-protocol.md): the live queue, taking conversations,
 * replying, notes, transfer, hand back, close. Also the bridge between shoppers and agents:
 * whatever happens in a conversation reaches the agent who has it, and queue changes reach all.
 */
final class AgentSocket {
    private static final Logger LOG = LoggerFactory.getLogger(AgentSocket.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AGENT = "agent";
    /** The console's session token: every frame checks that the session still holds. */
    private static final String TOKEN = "token";

    private final AgentService agents;
    private final HandoffService handoff;
    private final ChatHub shoppers;
    private final AgentHub hub;
    private final NodeBus bus;
    /** Agents connected to the other nodes (empty with one node). */
    private final ClusterPresence elsewhere;
    /** What the consoles here were last shown of the other nodes' agents. */
    private volatile Map<String, String> shownElsewhere = Map.of();
    private final int maxMessageChars;

    private final java.time.Duration grace;
    private final java.util.concurrent.ScheduledExecutorService timers =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("agent-grace").factory());
    private final Map<String, String> status = new java.util.concurrent.ConcurrentHashMap<>();

    private final InFlight inFlight;

    /** How often a node tells the others who is connected to it; a node silent for three times this is forgotten. */
    static final java.time.Duration HEARTBEAT = java.time.Duration.ofSeconds(10);

    AgentSocket(AgentService agents, HandoffService handoff, ChatHub shoppers, int maxMessageChars, java.time.Duration grace,
                InFlight inFlight, NodeBus bus) {
        this.inFlight = inFlight;
        this.bus = bus;
        this.hub = new AgentHub(bus);
        this.elsewhere = new ClusterPresence(java.time.Clock.systemUTC(), HEARTBEAT.multipliedBy(3));
        this.agents = agents;
        this.handoff = handoff;
        this.shoppers = shoppers;
        this.maxMessageChars = maxMessageChars;
        this.grace = grace;
        // Last: the bus may deliver at once, on its own thread.
        bus.subscribe(event -> {
            switch (event.kind()) {
                case LISTS -> sendListsHere();
                case ACCOUNT -> checkSessions(event.target());
                case PRESENCE -> {
                    boolean newcomer = !elsewhere.knows(event.origin());
                    if (elsewhere.update(event.origin(), statuses(event.body()))) sendPresenceHere();
                    // A node that just started learns who is connected here now, not at our next heartbeat.
                    if (newcomer) publishPresence();
                }
                default -> { }
            }
        });
        timers.scheduleAtFixedRate(() -> {
            try {
                publishPresence();
                // A node that fell silent is forgotten without an event: show it on the consoles here.
                if (!elsewhere.elsewhere().equals(shownElsewhere)) sendPresenceHere();
            } catch (RuntimeException e) { // a throwing task would never run again
                LOG.warn("telling the other nodes who is connected failed", e);
            }
        }, HEARTBEAT.toMillis(), HEARTBEAT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        // Say hello: the other nodes answer with their agents at once.
        publishPresence();
    }

    Optional<String> agentName(Conversation c) {
        return handoff.agentName(c);
    }

    /**
     * Stops the grace timers: once the server is stopped nothing may write to the database any
     * more. An agent whose grace period was still running keeps their conversations; they find
     * them when they log in after the restart.
     */
    void close() {
        // The other nodes forget this node's agents now rather than after the heartbeat expires.
        bus.publish(new NodeEvent(bus.nodeId(), NodeEvent.Kind.PRESENCE, "", "{}"));
        timers.shutdownNow();
        try {
            timers.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS); // a requeue already running finishes
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void configure(WsConfig ws) {
        ws.onConnect(ctx -> inFlight.track(() -> connect(ctx)));
        ws.onMessage(ctx -> inFlight.track(() -> receive(ctx)));
        ws.onClose(ctx -> inFlight.track(() -> leave(ctx)));
    }

    private void leave(io.javalin.websocket.WsCloseContext ctx) {
        Agent agent = ctx.attribute(AGENT);
        if (agent != null && hub.leave(agent, ctx)) {
            status.remove(agent.id());
            broadcastPresence();
            // A dropped connection is often a reload or a train tunnel: wait before giving the chats away.
            try {
                timers.schedule(() -> requeueIfStillGone(agent), grace.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                // the server is stopping: the agent finds their conversations after the restart
            }
        }
    }

    private void connect(WsConnectContext ctx) {
        String token = ctx.cookie(AgentApi.COOKIE);
        Optional<Agent> agent = agents.authenticate(token);
        if (agent.isEmpty()) {
            ctx.closeSession(1008, "log in first");
            return;
        }
        ctx.attribute(AGENT, agent.get());
        ctx.attribute(TOKEN, token);
        ctx.enableAutomaticPings();
        hub.join(agent.get(), ctx);
        ctx.send(Map.of("type", "welcome", "agent", AgentApi.view(agent.get())));
        ctx.send(queueFrame(agent.get()));
        ctx.send(mineFrame(agent.get()));
        status.put(agent.get().id(), "online");
        broadcastPresence();
    }

    private void requeueIfStillGone(Agent agent) {
        if (hub.online(agent.id()) || elsewhere.connectedElsewhere(agent.id())) return;
        requeueAll(agent);
    }

    /**
     * An admin changed an agent's account. Consoles whose session ended (deactivated, password
     * reset or changed elsewhere) are closed, here and on the other nodes; the others carry on with
     * the new details. A deactivated agent's conversations go back to the queue at once.
     */
    void accountChanged(String agentId) {
        checkSessions(agentId);
        bus.publish(new NodeEvent(bus.nodeId(), NodeEvent.Kind.ACCOUNT, agentId, ""));
        handoff.agent(agentId).filter(a -> !a.active()).ifPresent(this::requeueAll);
        broadcastPresence();
    }

    private void checkSessions(String agentId) {
        for (WsContext ctx : hub.consoles(agentId)) {
            Optional<Agent> now = agents.authenticate(ctx.attribute(TOKEN));
            if (now.isEmpty()) ctx.closeSession(1008, "session ended");
            else {
                ctx.attribute(AGENT, now.get());
                hub.refresh(now.get());
            }
        }
    }

    private void requeueAll(Agent agent) {
        try {
            for (Conversation c : handoff.mine(agent)) {
                HandoffService.Result r = handoff.requeue(agent, c.id());
                if (r.status() != HandoffService.Result.Status.OK) continue;
                for (ChatMessage m : r.messages()) shoppers.send(c.id(), Frames.message(m));
                shoppers.send(c.id(), shopperState(r.conversation()));
            }
            broadcastLists();
        } catch (RuntimeException e) {
            LOG.error("returning {}'s conversations to the queue failed", agent.name(), e);
        }
    }

    private void broadcastPresence() {
        publishPresence();
        sendPresenceHere();
    }

    /** Tells the other nodes which agents are connected here (on every change, and as the heartbeat). */
    private void publishPresence() {
        try {
            bus.publish(new NodeEvent(bus.nodeId(), NodeEvent.Kind.PRESENCE, "", JSON.writeValueAsString(Map.copyOf(status))));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void sendPresenceHere() {
        Map<String, String> there = elsewhere.elsewhere();
        shownElsewhere = there;
        List<Map<String, String>> list = handoff.allAgents().stream().map(a -> Map.of("id", a.id(), "name", a.name(),
                "status", status.getOrDefault(a.id(), there.getOrDefault(a.id(), "offline")))).toList();
        Map<String, Object> f = Frames.frame("presence");
        f.put("agents", list);
        hub.sendEach(a -> f);
    }

    private static Map<String, String> statuses(String body) {
        try {
            Map<String, String> out = new java.util.HashMap<>();
            JSON.readTree(body).properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
            return out;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("unreadable presence from another node", e);
        }
    }

    private void receive(WsMessageContext ctx) {
        if (ctx.attribute(AGENT) == null) {
            ctx.send(Frames.malformed());
            return;
        }
        // The session may have ended since the console connected (logged out elsewhere, deactivated).
        Optional<Agent> current;
        try {
            current = agents.authenticate(ctx.attribute(TOKEN));
        } catch (RuntimeException e) { // the database is away: like any other frame then, nothing done
            LOG.error("checking an agent's session failed", e);
            ctx.send(Frames.error("server_error", "The server could not do this; please retry", "session"));
            return;
        }
        if (current.isEmpty()) {
            ctx.closeSession(1008, "session ended");
            return;
        }
        Agent agent = current.get();
        ctx.attribute(AGENT, agent);
        java.util.Optional<JsonNode> parsed = Frames.parse(ctx.message());
        if (parsed.isEmpty()) {
            ctx.send(Frames.malformed());
            return;
        }
        JsonNode frame = parsed.get();
        String type = frame.get("type").asText();
        String conversation = frame.path("conversation").asText(null);
        try {
            switch (type) {
                case "take" -> apply(ctx, agent, type, handoff.take(agent, conversation), true);
                case "open" -> open(ctx, conversation);
                case "reply" -> text(ctx, frame).ifPresent(t -> apply(ctx, agent, type, handoff.reply(agent, conversation, t), false));
                case "note" -> text(ctx, frame).ifPresent(t -> {
                    HandoffService.Result r = handoff.note(agent, conversation, t);
                    if (r.status() == HandoffService.Result.Status.OK) open(ctx, conversation);
                    else refuse(ctx, type, r.status());
                });
                case "transfer" -> apply(ctx, agent, type, handoff.transfer(agent, conversation, frame.path("to").asText("")), true);
                case "handback" -> apply(ctx, agent, type, handoff.handBackToBot(agent, conversation), true);
                case "close" -> apply(ctx, agent, type, handoff.close(agent, conversation, frame.path("resolution").asText(""),
                        frame.path("note").asText(null)), true);
                case "presence" -> {
                    String wanted = frame.path("status").asText("");
                    if (!List.of("online", "away").contains(wanted)) {
                        ctx.send(Frames.error("invalid_field", "status is online or away", type));
                    } else {
                        status.put(agent.id(), wanted);
                        broadcastPresence();
                    }
                }
                case "typing" -> {
                    if (handoff.mine(agent).stream().anyMatch(c -> c.id().equals(conversation))) {
                        shoppers.send(conversation, Frames.typing("agent", frame.path("on").asBoolean(false)));
                    }
                }
                default -> ctx.send(Frames.error("unknown_type", "Unknown frame type '" + type + "'", type));
            }
        } catch (RuntimeException e) {
            LOG.error("handling an agent's {} frame failed", type, e);
            ctx.send(Frames.error("server_error", "The server could not do this; please retry", type));
        }
    }

    private Optional<String> text(WsMessageContext ctx, JsonNode frame) {
        JsonNode text = frame.get("text");
        if (text == null || !text.isTextual() || text.asText().isBlank() || text.asText().length() > maxMessageChars) {
            ctx.send(Frames.error("invalid_field", "\"text\" must be 1.." + maxMessageChars + " characters", frame.path("type").asText()));
            return Optional.empty();
        }
        return Optional.of(text.asText());
    }

    private void apply(WsMessageContext ctx, Agent agent, String type, HandoffService.Result result, boolean queueChanged) {
        if (result.status() != HandoffService.Result.Status.OK) {
            refuse(ctx, type, result.status());
            return;
        }
        Conversation c = result.conversation();
        relay(result);
        shoppers.send(c.id(), shopperState(c));
        if (type.equals("take") || type.equals("transfer")) {
            handoff.card(c.id()).ifPresent(card -> hub.send(c.agentId(), cardFrame(card)));
        }
        if (queueChanged) broadcastLists();
        else hub.send(agent.id(), mineFrame(agent));
    }

    /** An agent's new messages (also a picture, stored by the photo API): to the shopper's tabs and the agent's consoles. */
    void relay(HandoffService.Result result) {
        Conversation c = result.conversation();
        for (ChatMessage m : result.messages()) {
            shoppers.send(c.id(), Frames.message(m));
            if (c.agentId() != null) hub.send(c.agentId(), messageFrame(c.id(), m));
        }
    }

    private void refuse(WsContext ctx, String type, HandoffService.Result.Status status) {
        String message = switch (status) {
            case TAKEN_BY_SOMEONE_ELSE -> "Someone else has just taken this conversation";
            case AT_CAPACITY -> "That would be more conversations than the capacity allows";
            case NOT_YOURS -> "This conversation is not assigned to you";
            case NOT_FOUND -> "No such conversation";
            default -> "Not possible: check the fields";
        };
        ctx.send(Frames.error(status.name().toLowerCase(Locale.ROOT), message, type));
    }

    private void open(WsContext ctx, String conversation) {
        Optional<HandoffService.Card> card = conversation == null ? Optional.empty() : handoff.card(conversation);
        if (card.isEmpty()) ctx.send(Frames.error("not_found", "No such conversation", "open"));
        else ctx.send(cardFrame(card.get()));
    }

    /** Called by the shopper side whenever a conversation changed: its agent hears of it, the queue is refreshed. */
    void conversationChanged(Conversation c, List<ChatMessage> messages) {
        if (c.state() == ConversationState.AGENT && c.agentId() != null) {
            for (ChatMessage m : messages) hub.send(c.agentId(), messageFrame(c.id(), m));
        }
        if (c.state() == ConversationState.WAITING || messages.stream().anyMatch(m -> "waiting".equals(m.systemKey()))) {
            broadcastLists();
        }
    }

    /**
     * The agents' unread replies of a conversation, up to {@code upTo}, were just emailed to the
     * shopper: the agent who has it, or had it last, sees them marked.
     */
    void repliesEmailed(Conversation c, long upTo) {
        if (c.agentId() != null) hub.send(c.agentId(), Map.of("type", "emailed", "conversation", c.id(), "seq", upTo));
    }

    /** The shopper has seen the conversation further: their agent's console marks the replies seen. */
    void shopperRead(Conversation c) {
        if (c.state() == ConversationState.AGENT && c.agentId() != null) {
            hub.send(c.agentId(), Map.of("type", "read", "conversation", c.id(), "seq", c.readSeq()));
        }
    }

    void shopperTyping(Conversation c, boolean on) {
        if (c.state() == ConversationState.AGENT && c.agentId() != null) {
            hub.send(c.agentId(), Map.of("type", "typing", "conversation", c.id(), "on", on));
        }
    }

    /** How many agents have a console open, on this node or another. */
    int agentsConnected() {
        java.util.Set<String> ids = new java.util.HashSet<>(hub.onlineAgentIds());
        ids.addAll(elsewhere.elsewhere().keySet());
        return ids.size();
    }

    /** Whether any agent has a console open, on this node or another. */
    boolean anyAgentOnline() {
        return agentsConnected() > 0;
    }

    private void broadcastLists() {
        sendListsHere();
        bus.publish(new NodeEvent(bus.nodeId(), NodeEvent.Kind.LISTS, "", ""));
    }

    private void sendListsHere() {
        hub.sendEach(this::queueFrame);
        hub.sendEach(this::mineFrame);
    }

    private Map<String, Object> queueFrame(Agent agent) {
        Map<String, Object> f = Frames.frame("queue");
        f.put("items", handoff.queue(agent));
        return f;
    }

    private Map<String, Object> mineFrame(Agent agent) {
        Map<String, Object> f = Frames.frame("mine");
        f.put("items", handoff.mine(agent).stream().map(c -> Map.of("conversation", c.id(),
                "language", String.valueOf(c.replyLanguage()), "reason", String.valueOf(c.handoffReason()))).toList());
        return f;
    }

    private static Map<String, Object> messageFrame(String conversation, ChatMessage m) {
        Map<String, Object> f = new LinkedHashMap<>(JSON.convertValue(Frames.message(m), Map.class));
        f.put("conversation", conversation);
        return f;
    }

    private static Map<String, Object> cardFrame(HandoffService.Card card) {
        Map<String, Object> f = Frames.frame("conversation");
        f.put("conversation", card.conversation().id());
        f.put("state", card.conversation().state().name().toLowerCase(Locale.ROOT));
        f.put("language", card.conversation().replyLanguage());
        f.put("handoff", card.handoff());
        f.put("shopper", card.shopper());
        f.put("messages", card.transcript().stream().map(Frames::message).toList());
        f.put("readSeq", card.conversation().readSeq());
        f.put("emailedSeq", card.emailedSeq());
        f.put("notes", card.notes());
        f.put("timers", card.timers());
        return f;
    }

    private Map<String, Object> shopperState(Conversation c) {
        Map<String, Object> f = Frames.state(c, c.state() == ConversationState.WAITING ? handoff.queuePosition(c.id()) : 0);
        handoff.agentName(c).ifPresent(name -> f.put("agent", name));
        return f;
    }
}
