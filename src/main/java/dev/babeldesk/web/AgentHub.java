package dev.babeldesk.web;

import dev.babeldesk.cluster.NodeBus;
import dev.babeldesk.cluster.NodeEvent;
import dev.babeldesk.handoff.Agent;
import io.javalin.websocket.WsContext;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The agents' open consoles on this node, by agent. A frame for one agent also goes on the
 * {@link NodeBus} (their console may be on another node); frames made per agent
 * ({@link #sendEach}) are made by each node for its own agents.
 */
final class AgentHub {
    private final Map<String, Set<WsContext>> byAgent = new ConcurrentHashMap<>();
    private final Map<String, Agent> agents = new ConcurrentHashMap<>();
    private final NodeBus bus;

    AgentHub(NodeBus bus) {
        this.bus = bus;
        bus.subscribe(event -> {
            if (event.kind() == NodeEvent.Kind.AGENT) deliver(event.target(), event.body());
        });
    }

    void join(Agent agent, WsContext ctx) {
        agents.put(agent.id(), agent);
        byAgent.computeIfAbsent(agent.id(), id -> ConcurrentHashMap.newKeySet()).add(ctx);
    }

    /** @return true when this was the agent's last open console on this node */
    boolean leave(Agent agent, WsContext ctx) {
        Set<WsContext> set = byAgent.get(agent.id());
        if (set == null) return true;
        set.remove(ctx);
        if (set.isEmpty()) {
            byAgent.remove(agent.id(), set);
            return true;
        }
        return false;
    }

    /** The agent's open consoles on this node. */
    Set<WsContext> consoles(String agentId) {
        return Set.copyOf(byAgent.getOrDefault(agentId, Set.of()));
    }

    /** New details of a connected agent (languages, capacity): the lists made for them follow. */
    void refresh(Agent agent) {
        if (byAgent.containsKey(agent.id())) agents.put(agent.id(), agent);
    }

    /** Whether the agent has a console open on this node. */
    boolean online(String agentId) {
        return byAgent.containsKey(agentId);
    }

    Set<String> onlineAgentIds() {
        return Set.copyOf(byAgent.keySet());
    }

    /** To every console of the agent, on this node and the others. */
    void send(String agentId, Object frame) {
        String text = Frames.text(frame);
        deliver(agentId, text);
        bus.publish(new NodeEvent(bus.nodeId(), NodeEvent.Kind.AGENT, agentId, text));
    }

    private void deliver(String agentId, String text) {
        for (WsContext ctx : byAgent.getOrDefault(agentId, Set.of())) {
            if (ctx.session.isOpen()) ctx.send(text);
        }
    }

    /** A frame made for each agent connected to this node (the queue differs by the languages they speak). */
    void sendEach(Function<Agent, Object> frameFor) {
        for (String id : byAgent.keySet()) {
            Agent agent = agents.get(id);
            if (agent != null) deliver(id, Frames.text(frameFor.apply(agent)));
        }
    }
}
