package dev.babeldesk.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many shoppers one node serves: the server as a shop runs it ({@code bin/babeldesk serve}, its
 * own process, the bundled knowledge base, the embedded SQLite file) with {@value #SHOPPERS} chats
 * open at once, then questions from them at rising rates. Prints the server's resident memory and
 * CPU, and the time from a question sent to the bot's answer received (p50 / p95 / p99). The load
 * comes from this JVM on the same machine, so the server has less than the whole machine.
 *
 * <p>Not part of the suite (the name does not end in Test); run it with
 * {@code mvn test -Dtest=ChatLoadBenchmark -Dsurefire.failIfNoSpecifiedTests=false} after
 * {@code bin/babeldesk build}; the figures are in
 * {@code target/surefire-reports/dev.babeldesk.web.ChatLoadBenchmark-output.txt}.
 */
class ChatLoadBenchmark {
    static final int SHOPPERS = 1000;
    private static final int[] RATES = {5, 10, 20, 40, 80};
    private static final Duration PHASE = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** Our own after-sales questions (the bundled base answers them), in the base's languages. */
    private static final List<String> QUESTIONS = List.of(
            "How long do I have to send something back?", "Who pays for the return shipping?",
            "When will I get my money back?", "Where is my parcel?", "Why did I have to pay customs fees?",
            "Can I still change the delivery address?", "How can I cancel my order?", "I need an invoice for my order",
            "Can I swap it for another size?", "Which payment methods can I use?",
            "Wo ist mein Paket?", "Wann bekomme ich mein Geld zurück?", "Comment retourner un article ?",
            "¿Cuándo recibiré mi reembolso?", "我的包裹在哪里？", "返品の送料は誰が払いますか？");

    /** One shopper's chat: the time from a question to the first answer to it. */
    private static final class Shopper implements WebSocket.Listener {
        final CompletableFuture<String> welcome = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();
        volatile CompletableFuture<Long> answer;
        volatile long askedAt;
        volatile boolean withAPerson;
        WebSocket socket;

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                try {
                    JsonNode f = JSON.readTree(text);
                    String type = f.path("type").asText();
                    if (type.equals("welcome")) welcome.complete(f.path("conversation").asText());
                    if (type.equals("state") && !f.path("state").asText().equals("bot")) withAPerson = true;
                    boolean answered = type.equals("message") && (f.path("from").asText().equals("bot")
                            || f.path("from").asText().equals("system") && f.path("key").asText().equals("waiting"));
                    CompletableFuture<Long> pending = answer;
                    if (answered && pending != null) pending.complete(System.nanoTime() - askedAt);
                } catch (IOException e) {
                    welcome.completeExceptionally(e);
                }
            }
            ws.request(1);
            return null;
        }

        void ask(String question, int n) {
            answer = new CompletableFuture<>();
            askedAt = System.nanoTime();
            socket.sendText("{\"type\":\"message\",\"id\":\"q" + n + "\",\"text\":" + quoted(question) + "}", true);
        }
    }

    private static String quoted(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void prints_memory_cpu_and_answer_times_with_a_thousand_chats_open() throws Exception {
        Path root = Path.of("").toAbsolutePath();
        Path data = Files.createTempDirectory(root.resolve("target"), "load-bench");
        int port;
        try (var probe = new java.net.ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        ProcessBuilder pb = new ProcessBuilder(root.resolve("bin/babeldesk").toString(), "serve", "--port", String.valueOf(port))
                .redirectErrorStream(true).redirectOutput(data.resolve("server.log").toFile());
        pb.environment().put("BABELDESK_STORAGE_DATABASE", data.resolve("chats.db").toString());
        Process server = pb.start();
        List<Shopper> shoppers = new ArrayList<>();
        try {
            waitForHealth(port);
            long pid = server.pid();
            System.out.printf(Locale.ROOT, "server ready: %d MB resident, %.1f CPU-s used%n", residentMb(pid), cpuSeconds(pid));

            long t0 = System.nanoTime();
            for (int i = 0; i < SHOPPERS; i++) {
                Shopper s = new Shopper();
                s.socket = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                        .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws/chat"), s).get(10, TimeUnit.SECONDS);
                s.socket.sendText("{\"type\":\"hello\",\"v\":1,\"locale\":\"en\"}", true);
                s.welcome.get(10, TimeUnit.SECONDS);
                shoppers.add(s);
            }
            Thread.sleep(2000);
            System.out.printf(Locale.ROOT, "%d chats opened (a conversation each) in %.1f s: %d MB resident%n", SHOPPERS,
                    (System.nanoTime() - t0) / 1e9, residentMb(pid));

            AtomicInteger asked = new AtomicInteger();
            for (int rate : RATES) {
                double cpuBefore = cpuSeconds(pid);
                long start = System.nanoTime();
                List<CompletableFuture<Long>> answers = new ArrayList<>();
                int total = (int) (rate * PHASE.toSeconds());
                long every = 1_000_000_000L / rate;
                for (int i = 0; i < total; i++) {
                    long due = start + i * every;
                    long wait = due - System.nanoTime();
                    if (wait > 0) TimeUnit.NANOSECONDS.sleep(wait);
                    Shopper s = next(shoppers, asked);
                    int n = asked.getAndIncrement();
                    s.ask(QUESTIONS.get(n % QUESTIONS.size()), n);
                    answers.add(s.answer);
                }
                long[] ms = new long[answers.size()];
                int timeouts = 0;
                for (int i = 0; i < ms.length; i++) {
                    try {
                        ms[i] = answers.get(i).get(30, TimeUnit.SECONDS) / 1_000_000;
                    } catch (java.util.concurrent.TimeoutException e) {
                        ms[i] = Long.MAX_VALUE;
                        timeouts++;
                    }
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                double cpu = cpuSeconds(pid) - cpuBefore;
                Arrays.sort(ms);
                System.out.printf(Locale.ROOT, "%3d questions/s for %ds: %d asked, %d unanswered in 30 s; answer p50 %d ms, p95 %d ms,"
                                + " p99 %d ms, max %d ms; server CPU %.0f%% of one core; %d MB resident%n",
                        rate, PHASE.toSeconds(), total, timeouts, pct(ms, 0.50), pct(ms, 0.95), pct(ms, 0.99), ms[ms.length - 1 - timeouts],
                        100 * cpu / seconds, residentMb(pid));
            }
        } finally {
            for (Shopper s : shoppers) s.socket.abort();
            server.destroy();
            if (!server.waitFor(20, TimeUnit.SECONDS)) server.destroyForcibly();
        }
    }

    /** The next shopper the bot still has (one a question handed to a person waits for that person), round robin. */
    private static Shopper next(List<Shopper> shoppers, AtomicInteger asked) {
        for (int i = 0; i < shoppers.size(); i++) {
            Shopper s = shoppers.get((asked.get() + i) % shoppers.size());
            if (!s.withAPerson) return s;
        }
        throw new IllegalStateException("every chat went to a person");
    }

    private static long pct(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    private static void waitForHealth(int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) return;
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the server did not answer /health within 3 minutes");
    }

    private static long residentMb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
        }
        return -1;
    }

    /** User + system CPU time of the process (Linux /proc, clock ticks of 1/100 s). */
    private static double cpuSeconds(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
    }
}
