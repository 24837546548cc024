package dev.babeldesk.cluster;

import java.util.UUID;
import java.util.function.Consumer;

/** One node: there is nobody to tell. */
public final class SingleNode implements NodeBus {
    private final String id = UUID.randomUUID().toString();

    @Override
    public String nodeId() {
        return id;
    }

    @Override
    public void publish(NodeEvent event) {}

    @Override
    public void subscribe(Consumer<NodeEvent> listener) {}

    @Override
    public void close() {}
}
