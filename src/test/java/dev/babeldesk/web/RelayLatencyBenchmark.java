package dev.babeldesk.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.babeldesk.BabelDesk;
import dev.babeldesk.config.ConfigLoader;
import dev.babeldesk.handoff.AgentService;
import dev.babeldesk.handoff.Role;
import dev.babeldesk.storage.Database;
import dev.babeldesk.storage.JdbcAgentStore;
import dev.babeldesk.storage.PostgresSchema;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How long an agent's reply takes to reach the shopper when both are on one node and when they
 * are on two nodes of one PostgreSQL: prints p50 / p95 / p99 over 300 replies each. Not part of
 * the suite (the name does not end in Test); run it with
 * {@code mvn test -Dtest=RelayLatencyBenchmark -Dsurefire.failIfNoSpecifiedTests=false}; the figures are in
 * {@code target/surefire-reports/dev.babeldesk.web.RelayLatencyBenchmark-output.txt}.
 */
class RelayLatencyBenchmark {
    private static final int WARM_UP = 30;
    private static final int ROUNDS = 300;

    @Test
    void prints_the_reply_latency_on_one_node_and_across_two() throws Exception {
        try (PostgresSchema schema = PostgresSchema.createOrSkip()) {
            DataSource database = Database.open(schema.url());
            try {
                new AgentService(new JdbcAgentStore(database, Clock.systemUTC()), Clock.systemUTC(), Duration.ofHours(1))
                        .create("bench@shop.example", "Bench", List.of("en"), 50, Role.AGENT, "bench password 1");
            } finally {
                Database.close(database);
            }
            Map<String, String> env = Map.of("BABELDESK_SERVER_PORT", "0", "BABELDESK_STORAGE_DATABASE", schema.url());
            try (BabelDesk a = BabelDesk.start(ConfigLoader.load(null, env));
                 BabelDesk b = BabelDesk.start(ConfigLoader.load(null, env))) {
                report("one node (agent and shopper on A)", measure(a, a));
                report("two nodes (agent on B, shopper on A)", measure(b, a));
            }
        }
    }

    private static double[] measure(BabelDesk agentNode, BabelDesk shopperNode) throws Exception {
        String cookie = Http.login(agentNode.port(), "bench@shop.example", "bench password 1");
        try (WsClient agent = new WsClient(agentNode.port(), "/ws/agent", Map.of("Cookie", cookie));
             WsClient shopper = new WsClient(shopperNode.port(), "/ws/chat")) {
            agent.nextOfType("welcome");
            shopper.send(Map.of("type", "hello", "v", 1, "locale", "en-GB"));
            String conversation = shopper.nextOfType("welcome").get("conversation").asText();
            shopper.send(Map.of("type", "request_human"));
            shopper.next(f -> "waiting".equals(f.path("state").asText()));
            agent.next(f -> "queue".equals(f.path("type").asText()) && f.toString().contains(conversation));
            agent.send(Map.of("type", "take", "conversation", conversation));
            shopper.next(f -> "agent".equals(f.path("state").asText()));
            double[] millis = new double[ROUNDS];
            for (int i = 0; i < WARM_UP + ROUNDS; i++) {
                String text = "reply " + i;
                long start = System.nanoTime();
                agent.send(Map.of("type", "reply", "conversation", conversation, "text", text));
                JsonNode got = shopper.next(f -> text.equals(f.path("text").asText()));
                if (i >= WARM_UP) millis[i - WARM_UP] = (System.nanoTime() - start) / 1e6;
                if (got == null) throw new AssertionError("lost " + text);
            }
            agent.send(Map.of("type", "close", "conversation", conversation, "resolution", "other"));
            return millis;
        }
    }

    private static void report(String what, double[] millis) {
        Arrays.sort(millis);
        System.out.printf(Locale.ROOT, "%s: %d replies, p50 %.1f ms, p95 %.1f ms, p99 %.1f ms%n", what, millis.length,
                millis[millis.length / 2], millis[(int) (millis.length * 0.95)], millis[(int) (millis.length * 0.99)]);
    }
}
