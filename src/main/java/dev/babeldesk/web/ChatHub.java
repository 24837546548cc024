package dev.babeldesk.web;

import dev.babeldesk.cluster.NodeBus;
import dev.babeldesk.cluster.NodeEvent;
import io.javalin.websocket.WsContext;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The open connections of each conversation on this node, so a message reaches every tab a
 * shopper has open. Every frame is also put on the {@link NodeBus}: the shopper may be connected
 * to another node than the agent answering them.
 */
final class ChatHub {
    private final Map<String, Set<WsContext>> byConversation = new ConcurrentHashMap<>();
    private final NodeBus bus;

    ChatHub(NodeBus bus) {
        this.bus = bus;
        bus.subscribe(event -> {
            if (event.kind() == NodeEvent.Kind.SHOPPER) deliver(event.target(), event.body());
        });
    }

    void join(String conversationId, WsContext ctx) {
        byConversation.computeIfAbsent(conversationId, id -> ConcurrentHashMap.newKeySet()).add(ctx);
    }

    void leave(String conversationId, WsContext ctx) {
        Set<WsContext> set = byConversation.get(conversationId);
        if (set == null) return;
        set.remove(ctx);
        if (set.isEmpty()) byConversation.remove(conversationId, set);
    }

    void send(String conversationId, Object frame) {
        String text = Frames.text(frame);
        deliver(conversationId, text);
        bus.publish(new NodeEvent(bus.nodeId(), NodeEvent.Kind.SHOPPER, conversationId, text));
    }

    private void deliver(String conversationId, String text) {
        for (WsContext ctx : byConversation.getOrDefault(conversationId, Set.of())) {
            if (ctx.session.isOpen()) ctx.send(text);
        }
    }
}
