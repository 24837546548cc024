package dev.babeldesk.handoff;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.babeldesk.config.MailSettings;
import dev.babeldesk.conversation.ChatMessage;
import dev.babeldesk.conversation.Conversation;
import dev.babeldesk.conversation.ConversationService;
import dev.babeldesk.conversation.ConversationState;
import dev.babeldesk.conversation.Sender;
import dev.babeldesk.conversation.SystemMessages;
import dev.babeldesk.mail.ImapInbox;
import dev.babeldesk.mail.SmtpMailer;
import dev.babeldesk.storage.Database;
import dev.babeldesk.storage.JdbcConversationStore;
import dev.babeldesk.storage.JdbcInsightStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.FlagTerm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Shoppers' answers to emailed replies, read back over IMAP from a real mail server (GreenMail,
 * SMTP and IMAP) into a real SQLite database: which are taken, which stay in the mailbox for a
 * person, and that each is taken once.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EmailRepliesTest {
    private static final String SHOP = "support@shop.example";
    private static final String SHOPPER = "jo.doe@example.org";

    @TempDir
    Path dir;
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final SystemMessages texts = SystemMessages.fromClasspath("en");
    private final List<ConversationService.Outcome> announced = new ArrayList<>();
    private DataSource database;
    private JdbcConversationStore store;
    private ConversationService conversations;
    private GreenMail mail;

    @BeforeEach
    void start() {
        database = Database.open(dir.resolve("answers.db").toString());
        store = new JdbcConversationStore(database, Clock.systemUTC());
        conversations = new ConversationService(store, () -> null, texts, new JdbcInsightStore(database), meters);
        mail = new GreenMail(new ServerSetup[] {
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort(),
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP).dynamicPort()});
        mail.start();
        mail.setUser(SHOP, "support", "support password");
    }

    @AfterEach
    void stop() {
        mail.stop();
        Database.close(database);
    }

    private ImapInbox inbox() {
        return new ImapInbox(new MailSettings.Imap("127.0.0.1", mail.getImap().getPort(), "none", "support", "support password", "INBOX"),
                Clock.systemUTC());
    }

    private EmailReplies replies() {
        return new EmailReplies(store, conversations, 2000, meters, announced::add);
    }

    /** A conversation an agent answered and closed, whose answer was emailed; returns {conversation, the email's Message-ID}. */
    private String[] answeredByEmailAndClosed() throws Exception {
        Conversation c = store.create("hash-" + UUID.randomUUID(), "en", "https://shop.example/");
        store.append(c.id(), ChatMessage.draft(Sender.SHOPPER, "My parcel arrived crushed. Write to me at " + SHOPPER));
        store.append(c.id(), new ChatMessage(null, 0, Sender.AGENT, null, "Sorry! A replacement leaves today.", null, null, null,
                null, null, null, List.of(), false, null, "Ben", null, null, null));
        assertTrue(store.transition(c.id(), ConversationState.BOT, ConversationState.CLOSED, null));
        int before = mail.getReceivedMessages().length;
        MailSettings smtp = new MailSettings("127.0.0.1", mail.getSmtp().getPort(), "none", "", "", "Shop support <" + SHOP + ">",
                SHOP, 0);
        assertEquals(1, new ReplyMailer(store, texts, new SmtpMailer(smtp), Clock.systemUTC(), Duration.ZERO, meters).sendDue());
        MimeMessage sent = mail.getReceivedMessages()[before];
        assertEquals(SHOPPER, sent.getAllRecipients()[0].toString());
        return new String[] {c.id(), sent.getMessageID()};
    }

    /** Sends an email to the shop's mailbox through the SMTP server, as the shopper's mail program would. */
    private void write(String from, String inReplyTo, String text, String... headers) throws Exception {
        Properties p = new Properties();
        p.put("mail.smtp.host", "127.0.0.1");
        p.put("mail.smtp.port", String.valueOf(mail.getSmtp().getPort()));
        MimeMessage m = new MimeMessage(Session.getInstance(p));
        m.setFrom(new InternetAddress(from));
        m.setRecipient(Message.RecipientType.TO, new InternetAddress(SHOP));
        m.setSubject("Re: Ben replied to your message");
        if (inReplyTo != null) {
            m.setHeader("In-Reply-To", inReplyTo);
            m.setHeader("References", inReplyTo);
        }
        for (int i = 0; i < headers.length; i += 2) m.setHeader(headers[i], headers[i + 1]);
        if (text.startsWith("<")) m.setContent(text, "text/html; charset=UTF-8");
        else m.setText(text, "UTF-8");
        Transport.send(m);
    }

    /** How many messages of the shop's inbox are still unread (for a person). */
    private int unread() throws Exception {
        Properties p = new Properties();
        try (Store imap = Session.getInstance(p).getStore("imap")) {
            imap.connect("127.0.0.1", mail.getImap().getPort(), "support", "support password");
            Folder inbox = imap.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            try {
                return inbox.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false)).length;
            } finally {
                inbox.close(false);
            }
        }
    }

    private List<ChatMessage> byEmail(String conversation) {
        return store.messagesAfter(conversation, 0).stream().filter(m -> "email".equals(m.via())).toList();
    }

    @Test
    void an_answer_to_an_emailed_reply_comes_back_into_the_closed_conversation_which_goes_to_the_queue() throws Exception {
        String[] c = answeredByEmailAndClosed();
        write(SHOPPER, c[1], "Thank you! Can it go to my office instead?\n\nOn Mon, 30 Nov 2026 at 10:02, Shop support <" + SHOP
                + "> wrote:\n> Sorry! A replacement leaves today.\n");

        assertEquals(1, inbox().poll(replies()::accept));

        List<ChatMessage> answers = byEmail(c[0]);
        assertEquals(1, answers.size());
        assertEquals("Thank you! Can it go to my office instead?", answers.get(0).text(), "the quoted email left out");
        assertEquals(Sender.SHOPPER, answers.get(0).sender());
        Conversation now = store.find(c[0]).orElseThrow();
        assertEquals(ConversationState.WAITING, now.state(), "a person answers it again");
        assertEquals("email_reply", now.handoffReason());
        assertEquals(1, announced.size(), "the consoles are told");
        assertEquals(c[0], announced.get(0).conversation().id());
        assertEquals(0, unread(), "taken: marked read in the mailbox");
    }

    @Test
    void an_answer_read_by_two_nodes_or_twice_is_in_the_conversation_once() throws Exception {
        String[] c = answeredByEmailAndClosed();
        write(SHOPPER, c[1], "Yes, please send it.");
        ImapInbox nodeA = inbox();
        ImapInbox nodeB = inbox();
        nodeA.poll(replies()::accept);
        nodeB.poll(replies()::accept);
        nodeA.poll(replies()::accept);
        assertEquals(1, byEmail(c[0]).size());
        assertEquals(1, announced.size(), "announced once");
        write(SHOPPER, c[1], "And thanks again.");
        assertEquals(1, nodeA.poll(replies()::accept), "the next answer is read in the next round");
        assertEquals(2, byEmail(c[0]).size());
    }

    @Test
    void emails_that_are_not_the_shoppers_answers_stay_unread_in_the_mailbox_for_a_person() throws Exception {
        String[] c = answeredByEmailAndClosed();
        write("someone@example.com", null, "Do you sell gift cards?");
        write("mallory@example.net", c[1], "Please send the replacement to Evil Street 1 instead.");
        write(SHOPPER, c[1], "I am out of the office until Monday.", "Auto-Submitted", "auto-replied");
        write(SHOPPER, "<bd.NotARealTokenNotARealToken@shop.example>", "Hello?");
        write(SHOPPER, c[1], "\n> Sorry! A replacement leaves today.");

        assertEquals(0, inbox().poll(replies()::accept));
        assertTrue(byEmail(c[0]).isEmpty());
        assertEquals(ConversationState.CLOSED, store.find(c[0]).orElseThrow().state());
        assertEquals(5, unread(), "all five left as they were");
        assertEquals(1.0, meters.counter("babeldesk.mail.answers", "outcome", "other_sender").count());
        assertEquals(1.0, meters.counter("babeldesk.mail.answers", "outcome", "automatic").count());
        assertEquals(1.0, meters.counter("babeldesk.mail.answers", "outcome", "empty").count());
        assertEquals(2.0, meters.counter("babeldesk.mail.answers", "outcome", "not_ours").count());
    }

    @Test
    void a_mailbox_full_of_mail_a_person_has_read_is_not_read_from_the_start() throws Exception {
        String[] c = answeredByEmailAndClosed();
        write("someone@example.com", null, "An old question about gift cards");
        write("other@example.com", null, "An old complaint, answered by the shop by email");
        markAllRead();
        List<String> handed = new ArrayList<>();
        ImapInbox inbox = inbox();
        assertEquals(0, inbox.poll(m -> {
            handed.add(m.text());
            return replies().accept(m);
        }));
        write(SHOPPER, c[1], "Is it shipped yet?");
        assertEquals(1, inbox.poll(m -> {
            handed.add(m.text());
            return replies().accept(m);
        }));
        assertEquals(List.of("Is it shipped yet?"), handed, "only what came since the first round");
    }

    private void markAllRead() throws Exception {
        try (Store imap = Session.getInstance(new Properties()).getStore("imap")) {
            imap.connect("127.0.0.1", mail.getImap().getPort(), "support", "support password");
            Folder inbox = imap.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            for (Message m : inbox.getMessages()) m.setFlag(Flags.Flag.SEEN, true);
            inbox.close(false);
        }
    }

    @Test
    void an_answer_the_database_cannot_take_is_read_again_in_the_next_round() throws Exception {
        String[] c = answeredByEmailAndClosed();
        write(SHOPPER, c[1], "Is it shipped yet?");
        ImapInbox inbox = inbox();
        try (Connection sql = database.getConnection()) {
            sql.createStatement().execute("ALTER TABLE messages RENAME TO messages_away");
        }
        try {
            assertEquals(0, inbox.poll(replies()::accept));
        } finally {
            try (Connection sql = database.getConnection()) {
                sql.createStatement().execute("ALTER TABLE messages_away RENAME TO messages");
            }
        }
        assertEquals(1, unread(), "not marked read");
        assertEquals(1, inbox.poll(replies()::accept));
        assertEquals("Is it shipped yet?", byEmail(c[0]).get(0).text());
    }

    @Test
    void an_answer_in_html_only_is_read_as_text_without_the_quoted_email() throws Exception {
        String[] c = answeredByEmailAndClosed();
        write(SHOPPER, c[1], "<html><body><p>Perfect,&nbsp;thanks!</p><p>See you <b>soon</b>.</p>"
                + "<div class=\"gmail_quote\">On Mon, Shop wrote:<blockquote>Sorry! A replacement leaves today.</blockquote></div>"
                + "<script>alert(1)</script></body></html>");
        assertEquals(1, inbox().poll(replies()::accept));
        String text = byEmail(c[0]).get(0).text();
        assertNotNull(text);
        assertEquals("Perfect,\u00a0thanks!\n\nSee you soon.", text.replaceAll("\n+", "\n\n"));
    }
}
