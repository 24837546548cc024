package dev.babeldesk;

import dev.babeldesk.answering.AnswerEngine;
import dev.babeldesk.config.Config;
import dev.babeldesk.knowledge.KnowledgeBase;
import dev.babeldesk.conversation.ConversationService;
import dev.babeldesk.conversation.SystemMessages;
import dev.babeldesk.storage.Database;
import dev.babeldesk.storage.JdbcConversationStore;
import dev.babeldesk.web.WebServer;

import javax.sql.DataSource;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running server: the knowledge base loaded, the models warm, the web server listening. */
public final class BabelDesk implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BabelDesk.class);

    private final WebServer web;

    private BabelDesk(WebServer web) {
        this.web = web;
    }

    public static BabelDesk start(Config config) {
        long started = System.nanoTime();
        KnowledgeBase knowledgeBase = Wiring.knowledgeBase(config.knowledgePath(), config.defaultLanguage());
        AnswerEngine engine = Wiring.answerEngine(knowledgeBase, config);
        engine.answer("warm up", null);
        DataSource database = Database.open(config.database());
        SystemMessages texts = SystemMessages.fromClasspath(config.defaultLanguage());
        ConversationService conversations = new ConversationService(
                new JdbcConversationStore(database, Clock.systemUTC()), engine, knowledgeBase, texts);
        WebServer web = new WebServer(config, knowledgeBase, engine, conversations, texts);
        LOG.info("Babel Desk ready on port {} with {} answers in {} in {} ms", web.port(), knowledgeBase.size(),
                knowledgeBase.languages(), (System.nanoTime() - started) / 1_000_000);
        return new BabelDesk(web);
    }

    public int port() {
        return web.port();
    }

    @Override
    public void close() {
        web.close();
    }
}
