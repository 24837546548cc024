package dev.babeldesk.cluster;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClusterPresenceTest {
    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        private Instant now = Instant.parse("2026-11-22T10:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final ManualClock clock = new ManualClock();
    private final ClusterPresence presence = new ClusterPresence(clock, Duration.ofSeconds(30));

    @Test
    void agents_reported_by_another_node_count_as_connected_until_that_node_falls_silent() {
        assertTrue(presence.update("node-b", Map.of("ada", "online")));
        assertTrue(presence.connectedElsewhere("ada"));
        clock.now = clock.now.plusSeconds(29);
        assertTrue(presence.connectedElsewhere("ada"));
        clock.now = clock.now.plusSeconds(2);
        assertFalse(presence.connectedElsewhere("ada"), "a node silent for longer than the expiry is forgotten");
        assertEquals(Map.of(), presence.elsewhere());
    }

    @Test
    void a_heartbeat_with_the_same_agents_is_not_a_change_but_keeps_them() {
        assertTrue(presence.update("node-b", Map.of("ada", "online")));
        clock.now = clock.now.plusSeconds(20);
        assertFalse(presence.update("node-b", Map.of("ada", "online")));
        clock.now = clock.now.plusSeconds(20);
        assertTrue(presence.connectedElsewhere("ada"));
        assertTrue(presence.update("node-b", Map.of("ada", "away")));
        assertEquals("away", presence.elsewhere().get("ada"));
    }

    @Test
    void an_agent_online_on_one_node_and_away_on_another_is_online_and_an_empty_report_forgets_a_node() {
        presence.update("node-b", Map.of("ada", "away", "ben", "online"));
        presence.update("node-c", Map.of("ada", "online"));
        assertEquals(Map.of("ada", "online", "ben", "online"), presence.elsewhere());
        presence.update("node-b", Map.of()); // node-b stopped
        assertEquals(Map.of("ada", "online"), presence.elsewhere());
    }

    @Test
    void a_node_is_known_once_heard_from_and_forgotten_with_its_agents() {
        assertFalse(presence.knows("node-b"));
        presence.update("node-b", Map.of());
        assertTrue(presence.knows("node-b"), "an empty report still introduces the node");
        clock.now = clock.now.plusSeconds(31);
        assertFalse(presence.knows("node-b"));
    }
}
