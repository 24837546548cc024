package dev.babeldesk.cluster;

import java.util.function.Consumer;

/**
 * What the nodes of one installation tell each other. A shopper's socket and the agent who has
 * the conversation may be on different nodes behind a load balancer; the conversation itself is
 * in the shared database, and this carries the live part: frames for screens connected
 * elsewhere, "the queues changed", and which agents are connected where.
 *
 * <p>{@link SingleNode} (the default, and all one node needs) carries nothing;
 * {@code storage.PostgresNodeBus} relays through PostgreSQL's LISTEN / NOTIFY when the database
 * is PostgreSQL.
 */
public interface NodeBus extends AutoCloseable {
    /** This node's id, unique per process. */
    String nodeId();

    /**
     * Tells every other node. Never throws: the local screens already have the frame and the
     * database has the conversation; a failure is logged.
     */
    void publish(NodeEvent event);

    /** Events from the other nodes (never this node's own), on the bus's thread. */
    void subscribe(Consumer<NodeEvent> listener);

    @Override
    void close();
}
