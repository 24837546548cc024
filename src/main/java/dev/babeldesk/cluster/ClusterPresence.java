package dev.babeldesk.cluster;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which agents are connected to the other nodes, from their {@link NodeEvent.Kind#PRESENCE}
 * events. A node that stops sending (crashed, cut off) is forgotten after {@code expiry}: its
 * agents count as gone, so shoppers are not promised a person nobody can reach.
 */
public final class ClusterPresence {
    private record Seen(Map<String, String> statusByAgent, Instant at) {}

    private final Map<String, Seen> byNode = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration expiry;

    public ClusterPresence(Clock clock, Duration expiry) {
        this.clock = clock;
        this.expiry = expiry;
    }

    /** @return whether this changed what the other nodes' agents are */
    public boolean update(String node, Map<String, String> statusByAgent) {
        Seen before = byNode.put(node, new Seen(Map.copyOf(statusByAgent), clock.instant()));
        return before == null || !before.statusByAgent().equals(statusByAgent);
    }

    /** The agents connected to other nodes and their status ("online" or "away"). */
    public Map<String, String> elsewhere() {
        Instant oldest = clock.instant().minus(expiry);
        Map<String, String> out = new HashMap<>();
        byNode.forEach((node, seen) -> {
            if (seen.at().isBefore(oldest)) {
                byNode.remove(node, seen);
                return;
            }
            // An agent on two nodes, online on one and away on the other, is online.
            seen.statusByAgent().forEach((agent, status) -> out.merge(agent, status, (a, b) -> "online".equals(a) ? a : b));
        });
        return out;
    }

    /** Whether this node has been heard from (and not forgotten). */
    public boolean knows(String node) {
        Seen seen = byNode.get(node);
        return seen != null && !seen.at().isBefore(clock.instant().minus(expiry));
    }

    public boolean connectedElsewhere(String agentId) {
        return elsewhere().containsKey(agentId);
    }
}
