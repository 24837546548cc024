package dev.babeldesk.cluster;

/**
 * One thing a node tells the others.
 *
 * @param origin the publishing node's id
 * @param target the conversation id ({@link Kind#SHOPPER}), the agent id ({@link Kind#AGENT},
 *               {@link Kind#ACCOUNT}), or empty
 * @param body   a websocket frame as JSON text ({@link Kind#SHOPPER}, {@link Kind#AGENT}), the
 *               node's connected agents as a JSON object of agent id to status
 *               ({@link Kind#PRESENCE}), or empty ({@link Kind#LISTS}, {@link Kind#KNOWLEDGE}, {@link Kind#ACCOUNT})
 */
public record NodeEvent(String origin, Kind kind, String target, String body) {
    public enum Kind {
        /** A frame for every screen of a conversation's shopper. */
        SHOPPER,
        /** A frame for every console of one agent. */
        AGENT,
        /** The queue or an agent's conversations changed: refresh the lists of the agents connected here. */
        LISTS,
        /** The agents connected to the origin node now (sent on every change and as a heartbeat). */
        PRESENCE,
        /** Reload the knowledge base: the learned phrasings changed (learning.LearningService), or an admin asked for it. */
        KNOWLEDGE,
        /** An agent's account changed (deactivated, password reset, details): check the sessions of their consoles here. */
        ACCOUNT
    }

    public NodeEvent {
        if (origin == null || kind == null) throw new IllegalArgumentException("origin and kind are required");
        target = target == null ? "" : target;
        body = body == null ? "" : body;
    }
}
