package dev.babeldesk.handoff;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.babeldesk.config.MailSettings;
import dev.babeldesk.conversation.ChatMessage;
import dev.babeldesk.conversation.Conversation;
import dev.babeldesk.conversation.Sender;
import dev.babeldesk.conversation.ShopperIdentity;
import dev.babeldesk.conversation.SystemMessages;
import dev.babeldesk.mail.SmtpMailer;
import dev.babeldesk.photo.Photo;
import dev.babeldesk.storage.Database;
import dev.babeldesk.storage.JdbcConversationStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Agents' unread replies emailed to shoppers, on a real SQLite database and a real SMTP server
 * (GreenMail, listening on a local port): when, to which address, with what, and once.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ReplyMailerTest {
    private static final Duration DELAY = Duration.ofMinutes(5);

    @TempDir
    Path dir;
    private final AgentServiceTest.MovableClock clock = new AgentServiceTest.MovableClock();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final SystemMessages texts = SystemMessages.fromClasspath("en");
    private DataSource database;
    private JdbcConversationStore store;
    private GreenMail smtp;

    @BeforeEach
    void start() {
        database = Database.open(dir.resolve("mail.db").toString());
        store = new JdbcConversationStore(database, clock);
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        smtp.start();
    }

    @AfterEach
    void stop() {
        smtp.stop();
        Database.close(database);
    }

    private ReplyMailer mailer(int port, String replyTo) {
        MailSettings settings = new MailSettings("127.0.0.1", port, "none", "", "", "Shop support <support@shop.example>",
                replyTo, (int) DELAY.toMinutes());
        return new ReplyMailer(store, texts, new SmtpMailer(settings), clock, DELAY, meters);
    }

    private ReplyMailer mailer() {
        return mailer(smtp.getSmtp().getPort(), "");
    }

    /** A German shopper who typed an address after the offline notice, and an agent's reply to them; returns the conversation id. */
    private String offlineTicketAnswered(String shopperText, String reply) {
        Conversation c = store.create("hash-" + UUID.randomUUID(), "de", "https://shop.example/");
        store.setLanguage(c.id(), "de");
        store.append(c.id(), ChatMessage.draft(Sender.SHOPPER, "Mein Paket ist beschädigt angekommen"));
        store.append(c.id(), ChatMessage.draft(Sender.SHOPPER, shopperText));
        store.append(c.id(), agentSays(reply));
        return c.id();
    }

    private static ChatMessage agentSays(String text) {
        return new ChatMessage(null, 0, Sender.AGENT, null, text, null, null, null, null, null, null, List.of(), false,
                null, "Ben", null, null, null);
    }

    private double counted(String outcome) {
        var counter = meters.find("babeldesk.mail.replies").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void an_unread_reply_is_emailed_once_after_the_delay_to_the_address_the_shopper_typed_in_their_language() throws Exception {
        offlineTicketAnswered("Bitte per Mail: anna.schmidt@example.org, danke", "Das tut uns leid! Wir schicken Ihnen heute Ersatz.");
        ReplyMailer mailer = mailer();

        clock.now = clock.now.plus(DELAY).minusSeconds(1);
        assertEquals(0, mailer.sendDue(), "not before the delay: the shopper may still be reading the chat");
        clock.now = clock.now.plusSeconds(1);
        assertEquals(1, mailer.sendDue());
        assertEquals(0, mailer.sendDue(), "a reply is emailed once");

        MimeMessage[] received = smtp.getReceivedMessages();
        assertEquals(1, received.length);
        MimeMessage mail = received[0];
        assertEquals("anna.schmidt@example.org", mail.getRecipients(Message.RecipientType.TO)[0].toString());
        assertEquals("Shop support <support@shop.example>", mail.getFrom()[0].toString());
        assertEquals("Ben hat auf Ihre Nachricht geantwortet", mail.getSubject());
        assertEquals("auto-generated", mail.getHeader("Auto-Submitted")[0]);
        String body = ((String) mail.getContent()).replace("\r\n", "\n");
        assertTrue(body.contains("Ben:\nDas tut uns leid! Wir schicken Ihnen heute Ersatz."), body);
        assertTrue(body.contains("öffnen Sie den Chat auf unserer Website erneut"), "no reply-to: come back to the chat. " + body);
        assertFalse(body.contains("beschädigt") || body.contains("anna.schmidt"), "nothing the shopper wrote goes into an email: " + body);
        assertEquals(1, counted("sent"));
    }

    @Test
    void an_agents_unread_picture_goes_with_the_email_as_an_attachment() throws Exception {
        String id = offlineTicketAnswered("anna@example.org bitte", "Ist es dieses Modell?");
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 1, 2, 3, (byte) 0xFF, (byte) 0xD9};
        Photo picture = new Photo("pic-" + UUID.randomUUID(), id, "image/jpeg", 640, 480, jpeg);
        store.appendPhoto(id, new ChatMessage(null, 0, Sender.AGENT, "a1", null, null, null, null, null, null, null, List.of(),
                false, null, "Ben", null, picture.ref(), null), picture, 20).orElseThrow();
        clock.now = clock.now.plus(DELAY);
        assertEquals(1, mailer().sendDue());

        MimeMessage mail = smtp.getReceivedMessages()[0];
        MimeMultipart parts = (MimeMultipart) mail.getContent();
        assertEquals(2, parts.getCount(), "the text and the picture");
        String body = ((String) parts.getBodyPart(0).getContent()).replace("\r\n", "\n");
        assertTrue(body.contains("Ben:\nIst es dieses Modell?"), body);
        assertTrue(body.contains("Ben:\n(Ein Bild, an diese E-Mail angehängt.)"), body);
        BodyPart attached = parts.getBodyPart(1);
        assertEquals(Part.ATTACHMENT, attached.getDisposition());
        assertEquals("picture-1.jpg", attached.getFileName());
        assertTrue(attached.isMimeType("image/jpeg"));
        assertArrayEquals(jpeg, attached.getInputStream().readAllBytes(), "the picture as stored");
    }

    @Test
    void a_reply_the_widget_showed_the_shopper_is_not_emailed_and_a_later_unread_one_is_alone_in_the_email() throws Exception {
        String id = offlineTicketAnswered("meine Adresse: anna@example.org", "Erste Antwort");
        store.markRead(id, 3);
        clock.now = clock.now.plus(Duration.ofMinutes(10));
        assertEquals(0, mailer().sendDue(), "read in the chat");

        store.append(id, agentSays("Zweite Antwort"));
        clock.now = clock.now.plus(DELAY);
        assertEquals(1, mailer().sendDue());
        String body = (String) smtp.getReceivedMessages()[0].getContent();
        assertTrue(body.contains("Zweite Antwort") && !body.contains("Erste Antwort"), body);
    }

    @Test
    void the_address_the_shops_page_gave_wins_and_answers_go_to_the_reply_to_inbox() throws Exception {
        String id = offlineTicketAnswered("schreiben Sie an other@example.net", "Erledigt.");
        store.setIdentity(id, new ShopperIdentity("cust-7", "kunde@example.com", "Anna", true));
        clock.now = clock.now.plus(DELAY);
        assertEquals(1, mailer(smtp.getSmtp().getPort(), "help@shop.example").sendDue());
        MimeMessage mail = smtp.getReceivedMessages()[0];
        assertEquals("kunde@example.com", mail.getRecipients(Message.RecipientType.TO)[0].toString());
        assertEquals("help@shop.example", mail.getReplyTo()[0].toString());
        assertTrue(((String) mail.getContent()).contains("auf diese E-Mail antworten"));
    }

    @Test
    void without_an_address_nothing_is_sent_and_the_reply_is_not_looked_at_again() {
        offlineTicketAnswered("keine Adresse hier", "Hallo?");
        clock.now = clock.now.plus(DELAY);
        assertEquals(0, mailer().sendDue());
        assertEquals(1, counted("no_address"));
        assertEquals(0, mailer().sendDue());
        assertEquals(1, counted("no_address"), "passed over once, not at every round");
        assertEquals(0, smtp.getReceivedMessages().length);
    }

    @Test
    void while_the_mail_server_is_down_the_replies_wait_and_go_out_once_it_is_back() throws Exception {
        int port = smtp.getSmtp().getPort();
        smtp.stop();
        offlineTicketAnswered("anna@example.org", "Ihre Erstattung ist unterwegs.");
        offlineTicketAnswered("ben@example.org", "Ihr Paket ist angekommen.");
        clock.now = clock.now.plus(DELAY);
        ReplyMailer mailer = mailer(port, "");
        assertEquals(0, mailer.sendDue());
        assertEquals(1, counted("failed"), "the round stops at the first failure instead of waiting for every one");
        assertEquals(0, mailThreads(), "an email that did not go out leaves no thread to answer");

        smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        assertEquals(2, mailer.sendDue(), "both tried again in the next round");
        assertEquals(2, smtp.getReceivedMessages().length);
        assertEquals(2, mailThreads(), "one thread per email sent");
    }

    private int mailThreads() throws Exception {
        try (var c = database.getConnection(); var r = c.createStatement().executeQuery("SELECT COUNT(*) FROM mail_threads")) {
            r.next();
            return r.getInt(1);
        }
    }

    @Test
    void over_tls_a_server_whose_certificate_is_not_trusted_gets_nothing() {
        GreenMail selfSigned = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS).dynamicPort());
        selfSigned.start();
        try {
            offlineTicketAnswered("anna@example.org", "Vertraulich: Ihre Rechnung");
            clock.now = clock.now.plus(DELAY);
            MailSettings tls = new MailSettings("127.0.0.1", selfSigned.getSmtps().getPort(), "tls", "", "", "support@shop.example", "", 5);
            assertEquals(0, new ReplyMailer(store, texts, new SmtpMailer(tls), clock, DELAY, meters).sendDue());
            assertEquals(1, counted("failed"), "kept for a later round, when the operator has fixed the server");
            assertEquals(0, selfSigned.getReceivedMessages().length);
        } finally {
            selfSigned.stop();
        }
    }

    @Test
    void with_starttls_required_nothing_is_sent_in_clear_or_to_an_untrusted_server() {
        offlineTicketAnswered("anna@example.org", "Vertraulich: Ihre Rechnung");
        clock.now = clock.now.plus(DELAY);
        MailSettings starttls = new MailSettings("127.0.0.1", smtp.getSmtp().getPort(), "starttls", "", "", "support@shop.example", "", 5);
        assertEquals(0, new ReplyMailer(store, texts, new SmtpMailer(starttls), clock, DELAY, meters).sendDue());
        assertEquals(1, counted("failed"));
        assertEquals(0, smtp.getReceivedMessages().length);
    }

    @Test
    void replies_older_than_a_day_are_not_emailed_when_mail_is_switched_on_later() {
        offlineTicketAnswered("anna@example.org", "Alte Antwort");
        clock.now = clock.now.plus(ReplyMailer.LOOK_BACK).plusSeconds(1);
        assertEquals(0, mailer().sendDue());
        assertEquals(0, smtp.getReceivedMessages().length);
    }

    @Test
    void two_nodes_running_their_rounds_at_once_send_one_email() throws Exception {
        for (int i = 0; i < 5; i++) offlineTicketAnswered("anna" + i + "@example.org", "Antwort " + i);
        clock.now = clock.now.plus(DELAY);
        ReplyMailer a = mailer();
        ReplyMailer b = new ReplyMailer(new JdbcConversationStore(database, clock), texts,
                new SmtpMailer(new MailSettings("127.0.0.1", smtp.getSmtp().getPort(), "none", "", "", "support@shop.example", "", 5)),
                clock, DELAY, meters);
        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(a::sendDue);
        CompletableFuture<Integer> second = CompletableFuture.supplyAsync(b::sendDue);
        assertEquals(5, first.get() + second.get());
        assertEquals(5, smtp.getReceivedMessages().length);
    }

    @Test
    void an_agents_name_cannot_add_a_header_to_the_email() throws Exception {
        String id = offlineTicketAnswered("anna@example.org", "x");
        store.append(id, new ChatMessage(null, 0, Sender.AGENT, null, "Hallo", null, null, null, null, null, null, List.of(),
                false, null, "Ben\r\nBcc: victim@example.com", null, null, null));
        clock.now = clock.now.plus(DELAY);
        assertEquals(1, mailer().sendDue());
        MimeMessage mail = smtp.getReceivedMessages()[0];
        assertEquals(null, mail.getHeader("Bcc"));
        assertEquals(1, mail.getAllRecipients().length);
        assertEquals(1, smtp.getReceivedMessages().length, "nobody else got a copy");
    }
}
