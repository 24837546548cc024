package dev.babeldesk.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.babeldesk.BabelDesk;
import dev.babeldesk.config.ConfigLoader;
import dev.babeldesk.handoff.Role;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The offline ticket's promise kept, end to end: a shopper finds nobody online, leaves an email
 * address and goes; an agent answers later in the console; the answer reaches the shopper's
 * inbox (a real SMTP server, GreenMail). The widget's read reports are stored.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ReplyMailTest {
    @TempDir
    Path dir;
    private String database;
    private GreenMail smtp;
    private BabelDesk server;

    @BeforeEach
    void start() {
        database = dir.resolve("mail.db").toString();
        TestAgents.create(database, agents -> {
            agents.create("ben@shop.example", "Ben", List.of("en"), 2, Role.AGENT, "ben password 1");
        });
        smtp = new GreenMail(new ServerSetup[] {new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort(),
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP).dynamicPort()});
        smtp.start();
        smtp.setUser("answers@shop.example", "answers", "answers password");
        // A delay of 0 minutes: a reply is due at once, and the server looks every second (for answers too).
        server = BabelDesk.start(ConfigLoader.load(null, Map.ofEntries(Map.entry("BABELDESK_SERVER_PORT", "0"),
                Map.entry("BABELDESK_STORAGE_DATABASE", database), Map.entry("BABELDESK_MAIL_SMTP_HOST", "127.0.0.1"),
                Map.entry("BABELDESK_MAIL_SMTP_PORT", String.valueOf(smtp.getSmtp().getPort())),
                Map.entry("BABELDESK_MAIL_SMTP_SECURITY", "none"), Map.entry("BABELDESK_MAIL_FROM", "Shop <support@shop.example>"),
                Map.entry("BABELDESK_MAIL_REPLY_TO", "answers@shop.example"), Map.entry("BABELDESK_MAIL_DELAY_MINUTES", "0"),
                Map.entry("BABELDESK_MAIL_IMAP_HOST", "127.0.0.1"), Map.entry("BABELDESK_MAIL_IMAP_PORT", String.valueOf(smtp.getImap().getPort())),
                Map.entry("BABELDESK_MAIL_IMAP_SECURITY", "none"), Map.entry("BABELDESK_MAIL_IMAP_USER", "answers"),
                Map.entry("BABELDESK_MAIL_IMAP_PASSWORD", "answers password"))));
    }

    @AfterEach
    void stop() {
        server.close();
        smtp.stop();
    }

    private WsClient agent() throws Exception {
        String cookie = Http.login(server.port(), "ben@shop.example", "ben password 1");
        WsClient client = new WsClient(server.port(), "/ws/agent", Map.of("Cookie", cookie));
        client.nextOfType("welcome");
        return client;
    }

    /** A shopper who asks for a person while nobody is online and is told so; returns the conversation id. */
    private String offlineTicket(WsClient shopper) throws Exception {
        shopper.send(Map.of("type", "hello", "v", 1, "locale", "en"));
        String conversation = shopper.nextOfType("welcome").get("conversation").asText();
        shopper.send(Map.of("type", "message", "id", "m1", "text", "I want to talk to a person about my broken parcel"));
        shopper.next(f -> "offline".equals(f.path("key").asText()));
        return conversation;
    }

    /** A shopper told nobody is online, who types an address and closes the page; returns the conversation id. */
    private String leftAnAddressAndWent() throws Exception {
        try (WsClient shopper = new WsClient(server.port(), "/ws/chat")) {
            String conversation = offlineTicket(shopper);
            shopper.send(Map.of("type", "message", "id", "m2", "text", "ok, write to me at jo.doe@example.org"));
            shopper.nextMessage("shopper");
            return conversation;
        }
    }

    private void takeAndReply(WsClient ben, String conversation, String text) throws Exception {
        ben.send(Map.of("type", "take", "conversation", conversation));
        ben.nextOfType("conversation");
        ben.send(Map.of("type", "reply", "conversation", conversation, "text", text));
    }

    private long readSeq(String conversation) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + database);
             PreparedStatement s = c.prepareStatement("SELECT read_seq FROM conversations WHERE id = ?")) {
            s.setString(1, conversation);
            try (ResultSet r = s.executeQuery()) {
                assertTrue(r.next());
                return r.getLong(1);
            }
        }
    }

    @Test
    void a_shopper_who_left_an_address_and_went_gets_the_agents_later_answer_by_email() throws Exception {
        String conversation = leftAnAddressAndWent();
        try (WsClient ben = agent()) {
            takeAndReply(ben, conversation, "Sorry about the parcel: a replacement leaves today, tracking follows.");
            long reply = ben.next(f -> "message".equals(f.path("type").asText()) && "agent".equals(f.path("from").asText()))
                    .get("seq").asLong();
            assertTrue(smtp.waitForIncomingEmail(15_000, 1), "emailed within a few rounds");
            JsonNode emailed = ben.nextOfType("emailed");
            assertEquals(conversation, emailed.get("conversation").asText());
            assertEquals(reply, emailed.get("seq").asLong(), "Ben's console marks his reply emailed");
            ben.send(Map.of("type", "open", "conversation", conversation));
            JsonNode card = ben.nextOfType("conversation");
            assertEquals(reply, card.get("emailedSeq").asLong(), "and so does the card, when the conversation is opened again");
            assertEquals(0, card.get("readSeq").asLong());
        }
        MimeMessage mail = smtp.getReceivedMessages()[0];
        assertEquals("jo.doe@example.org", mail.getRecipients(Message.RecipientType.TO)[0].toString());
        assertEquals("Ben replied to your message", mail.getSubject());
        String body = (String) mail.getContent();
        assertTrue(body.contains("Sorry about the parcel: a replacement leaves today, tracking follows."), body);
        assertFalse(body.contains("broken parcel"), "nothing the shopper wrote: " + body);
        Thread.sleep(2_500);
        assertEquals(1, smtp.getReceivedMessages().length, "once, not at every round");
        assertEquals("answers@shop.example", mail.getReplyTo()[0].toString(), "answers go to the mailbox the server reads");
        assertEquals(0, readSeq(conversation), "the shopper saw nothing after leaving");
    }

    @Test
    void the_shoppers_answer_to_the_email_comes_back_to_the_queue_after_the_agent_closed_the_conversation() throws Exception {
        String conversation = leftAnAddressAndWent();
        try (WsClient ben = agent()) {
            takeAndReply(ben, conversation, "A replacement leaves today. Shall it go to the same address?");
            assertTrue(smtp.waitForIncomingEmail(15_000, 1));
            ben.send(Map.of("type", "close", "conversation", conversation, "resolution", "shipping_and_delivery"));
            ben.next(f -> "mine".equals(f.path("type").asText()) && f.get("items").isEmpty());

            MimeMessage emailed = smtp.getReceivedMessages()[0];
            java.util.Properties viaSmtp = new java.util.Properties();
            viaSmtp.put("mail.smtp.host", "127.0.0.1");
            viaSmtp.put("mail.smtp.port", String.valueOf(smtp.getSmtp().getPort()));
            MimeMessage answer = new MimeMessage(jakarta.mail.Session.getInstance(viaSmtp));
            answer.setFrom(new jakarta.mail.internet.InternetAddress("Jo Doe <jo.doe@example.org>"));
            answer.setRecipient(Message.RecipientType.TO, new jakarta.mail.internet.InternetAddress("answers@shop.example"));
            answer.setSubject("Re: " + emailed.getSubject());
            answer.setHeader("In-Reply-To", emailed.getMessageID());
            answer.setText("No, to my office please: Rue Lepic 7, Paris.\n\nOn Mon, Shop <support@shop.example> wrote:\n> "
                    + "A replacement leaves today.", "UTF-8");
            jakarta.mail.Transport.send(answer);

            JsonNode queue = ben.next(f -> "queue".equals(f.path("type").asText()) && f.get("items").size() == 1);
            assertEquals(conversation, queue.at("/items/0/conversation").asText(), "back in the queue");
            assertEquals("email_reply", queue.at("/items/0/reason").asText());
            assertEquals("No, to my office please: Rue Lepic 7, Paris.", queue.at("/items/0/preview").asText());
            ben.send(Map.of("type", "take", "conversation", conversation));
            JsonNode card = ben.nextOfType("conversation");
            JsonNode last = null;
            for (JsonNode m : card.get("messages")) if ("shopper".equals(m.path("from").asText())) last = m;
            assertEquals("email", last.path("via").asText(), "the console can say it came by email");
            assertEquals("No, to my office please: Rue Lepic 7, Paris.", last.path("text").asText());
        }
    }

    @Test
    void the_widgets_read_reports_are_kept_up_to_the_last_message_and_bad_ones_are_refused() throws Exception {
        try (WsClient shopper = new WsClient(server.port(), "/ws/chat")) {
            String conversation = offlineTicket(shopper);
            shopper.send(Map.of("type", "read", "seq", 2));
            shopper.send(Map.of("type", "read", "seq", 1));
            shopper.send(Map.of("type", "read", "seq", 1_000_000));
            shopper.send(Map.of("type", "read", "seq", "soon"));
            JsonNode error = shopper.nextOfType("error");
            assertEquals("invalid_field", error.get("code").asText());
            assertEquals("read", error.get("ref").asText());
            assertEquals(2, readSeq(conversation), "never backwards, never past the last message");
        }
    }
}
