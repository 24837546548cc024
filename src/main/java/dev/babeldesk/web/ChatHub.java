package dev.babeldesk.web;

import io.javalin.websocket.WsContext;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The open connections of each conversation on this node, so a message reaches every tab a
 * shopper has open. Several nodes would put a message bus behind this (PostgreSQL LISTEN/NOTIFY);
 * one node needs nothing more.
 */
final class ChatHub {
    private final Map<String, Set<WsContext>> byConversation = new ConcurrentHashMap<>();

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
        for (WsContext ctx : byConversation.getOrDefault(conversationId, Set.of())) {
            if (ctx.session.isOpen()) ctx.send(frame);
        }
    }
}
