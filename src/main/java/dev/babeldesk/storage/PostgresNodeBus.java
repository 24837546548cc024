package dev.babeldesk.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.babeldesk.cluster.NodeBus;
import dev.babeldesk.cluster.NodeEvent;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The nodes of one installation talking through the PostgreSQL database they share: every node
 * LISTENs on one channel and publishes with {@code pg_notify}. PostgreSQL delivers a
 * notification to every listener, in commit order, only after the sender's transaction commits.
 * A payload over {@link #INLINE_LIMIT} bytes (NOTIFY takes at most 8000) goes into the
 * {@code node_events} table and the notification carries its id.
 *
 * <p>The channel is named after the schema, because notifications are per database: two
 * installations in two schemas of one database do not hear each other. The listening connection
 * is the bus's own (a pooled one would go back to the pool); when it breaks, the bus reconnects
 * every second and meanwhile other nodes' frames do not reach this node's screens (the messages
 * are in the database, and a screen gets them when it reconnects); once back, it refreshes the
 * agents' lists here, and presence comes back with the other nodes' next heartbeat.
 */
public final class PostgresNodeBus implements NodeBus {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresNodeBus.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final int INLINE_LIMIT = 7000;
    private static final Duration KEEP_LARGE = Duration.ofMinutes(10);

    private final String nodeId = UUID.randomUUID().toString();
    private final Jdbc jdbc;
    private final String url;
    private final String channel;
    private final List<Consumer<NodeEvent>> listeners = new CopyOnWriteArrayList<>();
    private final Thread listening;
    private volatile boolean closed;
    private volatile Connection listener;
    /** Set once the first LISTEN is in place, so a caller can wait until nothing is missed. */
    private final java.util.concurrent.CountDownLatch listeningOnce = new java.util.concurrent.CountDownLatch(1);

    /**
     * @param pool the installation's connection pool (for publishing)
     * @param url  the same database's JDBC URL (the listening connection is opened from it)
     */
    public PostgresNodeBus(DataSource pool, String url) {
        this.jdbc = new Jdbc(pool, "node events");
        this.url = url;
        this.channel = channelFor(pool);
        this.listening = Thread.ofPlatform().daemon().name("node-bus").start(this::listen);
        // Listening before anyone publishes: a node says hello when it starts and must hear the answers.
        try {
            if (!awaitListening(Duration.ofSeconds(5))) LOG.warn("node bus not listening yet; other nodes' frames will reach this node once it is");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** "babeldesk_" and the schema's name, cut to PostgreSQL's 63-byte identifiers. */
    private static String channelFor(DataSource pool) {
        try (Connection c = pool.getConnection(); ResultSet r = c.createStatement().executeQuery("SELECT current_schema()")) {
            String schema = r.next() && r.getString(1) != null ? r.getString(1) : "public";
            String name = "babeldesk_" + schema.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
            return name.length() > 63 ? name.substring(0, 63) : name;
        } catch (SQLException e) {
            throw new StorageException("cannot read the schema for the node bus", e);
        }
    }

    /** How the listening connection shows in {@code pg_stat_activity}: "babeldesk node bus" and this node's id. */
    public String applicationName() {
        return "babeldesk node bus " + nodeId.substring(0, 8);
    }

    /** Waits until this node hears the others (tests use it). */
    public boolean awaitListening(Duration timeout) throws InterruptedException {
        return listeningOnce.await(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    @Override
    public String nodeId() {
        return nodeId;
    }

    @Override
    public void subscribe(Consumer<NodeEvent> listener) {
        listeners.add(listener);
    }

    @Override
    public void publish(NodeEvent event) {
        if (closed) return;
        String text = JSON.createObjectNode().put("o", event.origin()).put("k", event.kind().name())
                .put("t", event.target()).put("b", event.body()).toString();
        try {
            if (text.getBytes(StandardCharsets.UTF_8).length <= INLINE_LIMIT) {
                jdbc.read(c -> notify(c, text));
                return;
            }
            String id = UUID.randomUUID().toString();
            long now = System.currentTimeMillis();
            jdbc.write(c -> {
                statement(c, "DELETE FROM node_events WHERE created_at < ?", now - KEEP_LARGE.toMillis());
                statement(c, "INSERT INTO node_events (id, payload, created_at) VALUES (?, ?, ?)", id, text, now);
                // Delivered at commit, when the row is there to read.
                return notify(c, JSON.createObjectNode().put("o", event.origin()).put("r", id).toString());
            });
        } catch (StorageException e) {
            LOG.warn("telling the other nodes ({} for {}) failed: {}", event.kind(), event.target(), String.valueOf(e.getCause()));
        }
    }

    private Void notify(Connection c, String payload) throws SQLException {
        statement(c, "SELECT pg_notify(?, ?)", channel, payload);
        return null;
    }

    private static void statement(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) s.setObject(i + 1, params[i]);
            s.execute();
        }
    }

    private void listen() {
        while (!closed) {
            java.util.Properties properties = new java.util.Properties();
            properties.setProperty("ApplicationName", applicationName());
            try (Connection c = DriverManager.getConnection(url, properties)) {
                listener = c;
                c.createStatement().execute("LISTEN " + channel);
                if (listeningOnce.getCount() == 0) {
                    // Back after a break: queue changes may have been missed, so the lists here are refreshed.
                    deliver(new NodeEvent("", NodeEvent.Kind.LISTS, "", ""));
                }
                listeningOnce.countDown();
                PGConnection pg = c.unwrap(PGConnection.class);
                while (!closed) {
                    PGNotification[] notifications = pg.getNotifications(1000);
                    if (notifications == null) continue;
                    for (PGNotification n : notifications) receive(n.getParameter());
                }
            } catch (SQLException e) {
                if (closed) return;
                LOG.warn("node bus lost its database connection ({}); reconnecting in 1 s", e.toString());
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }
    }

    private void receive(String text) {
        try {
            JsonNode payload = JSON.readTree(text);
            if (nodeId.equals(payload.path("o").asText())) return;
            if (payload.has("r")) {
                payload = JSON.readTree(stored(payload.get("r").asText()));
            }
            deliver(new NodeEvent(payload.path("o").asText(), NodeEvent.Kind.valueOf(payload.path("k").asText()),
                    payload.path("t").asText(), payload.path("b").asText()));
        } catch (Exception e) {
            LOG.warn("ignored an unreadable node event: {}", e.toString());
        }
    }

    private void deliver(NodeEvent event) {
        for (Consumer<NodeEvent> l : listeners) {
            try {
                l.accept(event);
            } catch (RuntimeException e) {
                LOG.error("handling a {} event from another node failed", event.kind(), e);
            }
        }
    }

    private String stored(String id) {
        return jdbc.list("SELECT payload FROM node_events WHERE id = ?", r -> r.getString(1), id).stream().findFirst()
                .orElseThrow(() -> new IllegalStateException("node event " + id + " is gone"));
    }

    @Override
    public void close() {
        closed = true;
        Connection c = listener;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing anyway
            }
        }
        try {
            listening.join(3000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
