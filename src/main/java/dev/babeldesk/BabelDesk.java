package dev.babeldesk;

import dev.babeldesk.answering.AnswerEngine;
import dev.babeldesk.cluster.NodeBus;
import dev.babeldesk.cluster.NodeEvent;
import dev.babeldesk.cluster.SingleNode;
import dev.babeldesk.config.Config;
import dev.babeldesk.conversation.ConversationService;
import dev.babeldesk.conversation.SystemMessages;
import dev.babeldesk.handoff.AgentService;
import dev.babeldesk.handoff.EmailReplies;
import dev.babeldesk.handoff.HandoffService;
import dev.babeldesk.handoff.ReplyMailer;
import dev.babeldesk.insight.InsightService;
import dev.babeldesk.knowledge.InvalidKnowledgeBaseException;
import dev.babeldesk.knowledge.KnowledgeBaseWatcher;
import dev.babeldesk.knowledge.LiveKnowledgeBase;
import dev.babeldesk.learning.LearningService;
import dev.babeldesk.mail.ImapInbox;
import dev.babeldesk.mail.MailFailure;
import dev.babeldesk.mail.SmtpMailer;
import dev.babeldesk.metrics.ServerMetrics;
import dev.babeldesk.privacy.PrivacyService;
import dev.babeldesk.storage.Database;
import dev.babeldesk.storage.JdbcAgentStore;
import dev.babeldesk.storage.JdbcConversationStore;
import dev.babeldesk.storage.JdbcInsightStore;
import dev.babeldesk.storage.JdbcLearningStore;
import dev.babeldesk.storage.PostgresNodeBus;
import dev.babeldesk.web.WebServer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A running server: the knowledge base loaded (and watched), the models warm, the conversations'
 * database migrated, the web server listening.
 */
public final class BabelDesk implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BabelDesk.class);

    private final WebServer web;
    private final KnowledgeBaseWatcher watcher;
    private final KnowledgeService knowledge;
    private final DataSource database;
    private final NodeBus bus;
    private final ServerMetrics metrics;
    /** The retention period's hourly round, the reply mailer's and the answers' rounds, or null when none is on. */
    private final ScheduledExecutorService background;

    private BabelDesk(WebServer web, KnowledgeBaseWatcher watcher, KnowledgeService knowledge, DataSource database,
                      NodeBus bus, ServerMetrics metrics, ScheduledExecutorService background) {
        this.background = background;
        this.web = web;
        this.watcher = watcher;
        this.knowledge = knowledge;
        this.database = database;
        this.bus = bus;
        this.metrics = metrics;
    }

    /**
     * The served knowledge base and its engine, swapped as a whole on every reload: a question
     * in flight sees the old version or the new one, never half of each.
     */
    public static final class KnowledgeService {
        private final LiveKnowledgeBase live;
        private final Wiring.AnswerEngineBuilder builder;
        private final AtomicReference<AnswerEngine> engine = new AtomicReference<>();
        private final AtomicReference<LiveKnowledgeBase.Snapshot> snapshot = new AtomicReference<>();
        /** The learned phrasings (learning.LearningService), from the database once it is open. */
        private volatile Supplier<Map<String, Map<String, List<String>>>> learned = Map::of;
        private Map<String, Map<String, List<String>>> lastLearned = Map.of();
        private final MeterRegistry meters;

        KnowledgeService(LiveKnowledgeBase live, Wiring.AnswerEngineBuilder builder, MeterRegistry meters) {
            this.live = live;
            this.builder = builder;
            this.meters = meters;
            Gauge.builder("babeldesk.knowledge.answers", this, k -> k.snapshot() == null ? 0 : k.snapshot().knowledgeBase().size())
                    .description("Answers served, over all languages").register(meters);
            Gauge.builder("babeldesk.knowledge.errors", this, k -> k.snapshot() == null ? 0 : k.snapshot().errors().size())
                    .description("Knowledge-base files with errors (their last good version, if any, is served)").register(meters);
        }

        private void countReload(String outcome) {
            meters.counter("babeldesk.knowledge.reloads", "outcome", outcome).increment();
        }

        /**
         * First load: an invalid base refuses to start, listing every error.
         *
         * @param source the learned phrasings (learning.LearningService), read again at every reload
         */
        void start(Supplier<Map<String, Map<String, List<String>>>> source) {
            learned = source;
            LiveKnowledgeBase.Snapshot first = live.reload();
            first.problems().forEach(p -> LOG.warn("{}", p));
            if (!first.errors().isEmpty()) throw new InvalidKnowledgeBaseException(first.errors());
            snapshot.set(first);
            engine.set(builder.build(first.knowledgeBase(), this::learnedNow));
        }

        /** The learned phrasings; when the database cannot give them, the last ones it gave. */
        private synchronized Map<String, Map<String, List<String>>> learnedNow() {
            try {
                lastLearned = learned.get();
            } catch (RuntimeException e) {
                LOG.warn("learned phrasings cannot be read ({}); keeping the last ones read", e.toString());
            }
            return lastLearned;
        }

        /**
         * After a change on disk or of the learned phrasings: invalid files keep their last good
         * version; their errors are logged. One reload at a time, so the last one served is the
         * last one asked for.
         */
        public synchronized void reload() {
            long started = System.nanoTime();
            LiveKnowledgeBase.Snapshot next = live.reload();
            next.problems().forEach(p -> LOG.warn("{}", p));
            if (next.knowledgeBase().size() == 0) {
                LOG.error("the knowledge base on disk has no valid answer; still serving the previous version");
                snapshot.set(new LiveKnowledgeBase.Snapshot(snapshot.get().knowledgeBase(), next.problems()));
                countReload("kept_previous");
                return;
            }
            AnswerEngine rebuilt = builder.build(next.knowledgeBase(), this::learnedNow);
            snapshot.set(next);
            engine.set(rebuilt);
            countReload("reloaded");
            LOG.info("knowledge base reloaded: {} answers in {}, {} error(s), in {} ms", next.knowledgeBase().size(),
                    next.knowledgeBase().languages(), next.errors().size(), (System.nanoTime() - started) / 1_000_000);
        }

        public AnswerEngine engine() {
            return engine.get();
        }

        public LiveKnowledgeBase.Snapshot snapshot() {
            return snapshot.get();
        }
    }

    public static BabelDesk start(Config config) {
        long started = System.nanoTime();
        ServerMetrics metrics = new ServerMetrics();
        KnowledgeService knowledge = new KnowledgeService(new LiveKnowledgeBase(config.knowledgePath(), config.defaultLanguage()),
                new Wiring.AnswerEngineBuilder(config), metrics.registry());
        // The database, the services and the web server need the knowledge base only once questions come:
        // they get ready on the other core while the models load. The server listens only when both are done.
        java.util.concurrent.CompletableFuture<Prepared> preparing = new java.util.concurrent.CompletableFuture<>();
        // The learned phrasings are in the database: the first engine build reads them once the models
        // are loaded, by when the database is open (it takes a fraction of the models' time).
        java.util.concurrent.CompletableFuture<DataSource> opened = new java.util.concurrent.CompletableFuture<>();
        Thread.ofPlatform().name("prepare-server").start(() -> {
            try {
                DataSource database = Database.open(config.database(), metrics.registry());
                opened.complete(database);
                preparing.complete(prepareServer(config, knowledge, database, metrics));
            } catch (RuntimeException | Error e) {
                opened.completeExceptionally(e);
                preparing.completeExceptionally(e);
            }
        });
        knowledge.start(() -> LearningService.phrasings(new JdbcLearningStore(opened.join())));
        knowledge.engine().answer("warm up", null);
        Prepared prepared;
        try {
            prepared = preparing.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        // Another node's admin approved or removed a learned phrasing: learn it here too (not on the bus's thread).
        prepared.bus().subscribe(event -> {
            if (event.kind() == NodeEvent.Kind.KNOWLEDGE) Thread.ofVirtual().name("relearn").start(knowledge::reload);
        });
        WebServer web = prepared.web();
        web.start();
        KnowledgeBaseWatcher watcher;
        try {
            watcher = new KnowledgeBaseWatcher(config.knowledgePath(), knowledge::reload);
        } catch (IOException e) {
            web.close();
            throw new UncheckedIOException("cannot watch " + config.knowledgePath(), e);
        }
        LOG.info("Babel Desk ready on port {} with {} answers in {} in {} ms", web.port(),
                knowledge.snapshot().knowledgeBase().size(), knowledge.snapshot().knowledgeBase().languages(),
                (System.nanoTime() - started) / 1_000_000);
        return new BabelDesk(web, watcher, knowledge, prepared.database(), prepared.bus(), metrics,
                background(prepared.privacy(), prepared.mailer(), prepared.readAnswers()));
    }

    /**
     * Applies the retention period now (after "ready": a first round on a large old database may take
     * a while) and every hour, emails agents' unread replies every round of the mailer, and reads shoppers'
     * answers as often. Every node does all three; erasing what another node erased is a no-op, the
     * mailer claims each email first, and an answer read by two nodes is stored once.
     */
    private static ScheduledExecutorService background(PrivacyService privacy, ReplyMailer mailer, Runnable readAnswers) {
        if (privacy.retention().isZero() && mailer == null) return null;
        var schedule = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("background").daemon().factory());
        if (!privacy.retention().isZero()) {
            repeat(schedule, privacy::applyRetention, 0, TimeUnit.HOURS.toMillis(1), "applying the retention period", "in an hour");
        }
        if (mailer != null) {
            long every = mailer.roundInterval().toMillis();
            repeat(schedule, mailer::sendDue, every, every, "looking for replies to email", "in the next round");
            if (readAnswers != null) repeat(schedule, readAnswers, every, every, "reading shoppers' answers", "in the next round");
        }
        return schedule;
    }

    /** Runs {@code round} every {@code everyMillis}; a failed round is logged and the next one comes all the same. */
    private static void repeat(ScheduledExecutorService schedule, Runnable round, long firstMillis, long everyMillis, String what,
                               String when) {
        schedule.scheduleWithFixedDelay(() -> {
            try {
                round.run();
            } catch (RuntimeException e) {
                LOG.warn("{} failed ({}); trying again {}", what, e.toString(), when);
            }
        }, firstMillis, everyMillis, TimeUnit.MILLISECONDS);
    }

    /** The web server, built and not yet listening, the database it works on, and the background work. */
    private record Prepared(WebServer web, DataSource database, NodeBus bus, PrivacyService privacy, ReplyMailer mailer,
                            Runnable readAnswers) {}

    private static Prepared prepareServer(Config config, KnowledgeService knowledge, DataSource database,
                                          ServerMetrics metrics) {
        SystemMessages texts = SystemMessages.fromClasspath(config.defaultLanguage());
        JdbcConversationStore conversationStore = new JdbcConversationStore(database, Clock.systemUTC());
        JdbcInsightStore insightStore = new JdbcInsightStore(database);
        ConversationService conversations = new ConversationService(conversationStore, knowledge::engine, texts, insightStore,
                metrics.registry());
        JdbcAgentStore agentStore = new JdbcAgentStore(database, Clock.systemUTC());
        AgentService agents = new AgentService(agentStore, Clock.systemUTC(), Duration.ofHours(config.sessionHours()));
        HandoffService handoff = new HandoffService(conversationStore, agentStore, texts, Clock.systemUTC(),
                Duration.ofMinutes(config.overdueMinutes()), metrics.registry());
        // On PostgreSQL several nodes may share the database: they tell each other through it.
        NodeBus bus = config.database().startsWith("jdbc:postgresql:")
                ? new PostgresNodeBus(database, config.database()) : new SingleNode();
        LearningService learning = new LearningService(new JdbcLearningStore(database), insightStore,
                () -> knowledge.snapshot().knowledgeBase(), () -> {
                    knowledge.reload();
                    bus.publish(new NodeEvent(bus.nodeId(), NodeEvent.Kind.KNOWLEDGE, "", ""));
                }, Clock.systemUTC());
        PrivacyService privacy = new PrivacyService(conversationStore, insightStore, Clock.systemUTC(),
                Duration.ofDays(config.retentionDays()), metrics.registry());
        WebServer web = new WebServer(config, knowledge, conversations, texts, agents, handoff,
                new InsightService(insightStore, knowledge::engine), learning, privacy, bus, metrics);
        ReplyMailer mailer = config.mail().enabled() ? new ReplyMailer(conversationStore, texts, new SmtpMailer(config.mail()),
                Clock.systemUTC(), config.mail().delay(), metrics.registry(), web::repliesEmailed) : null;
        Runnable readAnswers = null;
        if (config.mail().readsAnswers()) {
            ImapInbox inbox = new ImapInbox(config.mail().imap(), Clock.systemUTC());
            EmailReplies answers = new EmailReplies(conversationStore, conversations, config.maxMessageChars(), metrics.registry(),
                    web::shopperWrote);
            readAnswers = () -> {
                try {
                    inbox.poll(answers::accept);
                } catch (MailFailure e) {
                    LOG.warn("reading shoppers' answers from the mailbox failed ({}); trying again in the next round", e.getMessage());
                }
            };
        }
        return new Prepared(web, database, bus, privacy, mailer, readAnswers);
    }

    public int port() {
        return web.port();
    }

    public KnowledgeService knowledge() {
        return knowledge;
    }

    @Override
    public void close() {
        if (background != null) background.shutdownNow();
        watcher.close();
        web.close();
        bus.close();
        Database.close(database);
        metrics.close();
    }
}
