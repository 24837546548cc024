package dev.babeldesk.web;

import dev.babeldesk.handoff.Agent;
import io.javalin.websocket.WsContext;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/** The agents' open consoles on this node, by agent. */
final class AgentHub {
    private final Map<String, Set<WsContext>> byAgent = new ConcurrentHashMap<>();
    private final Map<String, Agent> agents = new ConcurrentHashMap<>();

    void join(Agent agent, WsContext ctx) {
        agents.put(agent.id(), agent);
        byAgent.computeIfAbsent(agent.id(), id -> ConcurrentHashMap.newKeySet()).add(ctx);
    }

    /** @return true when this was the agent's last open console */
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

    boolean online(String agentId) {
        return byAgent.containsKey(agentId);
    }

    Set<String> onlineAgentIds() {
        return Set.copyOf(byAgent.keySet());
    }

    void send(String agentId, Object frame) {
        for (WsContext ctx : byAgent.getOrDefault(agentId, Set.of())) {
            if (ctx.session.isOpen()) ctx.send(frame);
        }
    }

    /** A frame made for each online agent (the queue differs by the languages they speak). */
    void sendEach(Function<Agent, Object> frameFor) {
        for (String id : byAgent.keySet()) {
            Agent agent = agents.get(id);
            if (agent != null) send(id, frameFor.apply(agent));
        }
    }
}
