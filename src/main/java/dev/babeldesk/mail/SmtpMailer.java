package dev.babeldesk.mail;

import dev.babeldesk.config.MailSettings;
import jakarta.activation.DataHandler;
import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;

import java.util.Date;
import java.util.Properties;

/** Sends plain-text emails, with their attachments, through the configured SMTP server (Jakarta Mail). */
public final class SmtpMailer {
    /** Connecting, reading and writing: a stuck server must not hold the mailer's round for long. */
    private static final String TIMEOUT_MS = "15000";

    private final Session session;
    private final InternetAddress from;
    private final InternetAddress replyTo;

    public SmtpMailer(MailSettings settings) {
        Properties p = new Properties();
        p.put("mail.smtp.host", settings.smtpHost());
        p.put("mail.smtp.port", String.valueOf(settings.smtpPort()));
        p.put("mail.smtp.connectiontimeout", TIMEOUT_MS);
        p.put("mail.smtp.timeout", TIMEOUT_MS);
        p.put("mail.smtp.writetimeout", TIMEOUT_MS);
        p.put("mail.smtp.ssl.checkserveridentity", "true");
        switch (settings.security()) {
            // TLS from the first byte (port 465).
            case "tls" -> p.put("mail.smtp.ssl.enable", "true");
            // Required, not opportunistic: a server that does not offer it is refused rather than spoken to in clear.
            case "starttls" -> {
                p.put("mail.smtp.starttls.enable", "true");
                p.put("mail.smtp.starttls.required", "true");
            }
            default -> { }
        }
        boolean login = !settings.user().isEmpty();
        p.put("mail.smtp.auth", String.valueOf(login));
        this.session = Session.getInstance(p, login ? new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                return new PasswordAuthentication(settings.user(), settings.password());
            }
        } : null);
        try {
            this.from = new InternetAddress(settings.from(), true);
            this.replyTo = settings.replyTo().isEmpty() ? null : new InternetAddress(settings.replyTo(), true);
        } catch (AddressException e) {
            throw new IllegalArgumentException("mail.from / mail.reply-to: " + e.getMessage(), e);
        }
    }

    /** Whether answers to the emails go to an inbox (mail.reply-to) rather than nowhere useful. */
    public boolean hasReplyTo() {
        return replyTo != null;
    }

    /** A message whose Message-ID names its thread, so that an answer's In-Reply-To leads back to the conversation. */
    private static final class ThreadedMessage extends MimeMessage {
        private final String id;

        ThreadedMessage(Session session, String id) {
            super(session);
            this.id = id;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            if (id == null) super.updateMessageID();
            else setHeader("Message-ID", id);
        }
    }

    public void send(Mail mail) throws MailFailure {
        InternetAddress to;
        try {
            to = new InternetAddress(mail.to(), true);
        } catch (AddressException e) {
            throw new MailFailure("not an address", true, e);
        }
        try {
            MimeMessage message = new ThreadedMessage(session, mail.thread() == null ? null : MessageIds.of(mail.thread(), from));
            message.setFrom(from);
            message.setRecipient(Message.RecipientType.TO, to);
            if (replyTo != null) message.setReplyTo(new InternetAddress[] {replyTo});
            // A subject is one line: a line break in it (an agent's name) must not start a header.
            message.setSubject(mail.subject().replaceAll("[\\r\\n]+", " "), "UTF-8");
            if (mail.attachments().isEmpty()) {
                message.setText(mail.text(), "UTF-8");
            } else {
                MimeMultipart parts = new MimeMultipart("mixed");
                MimeBodyPart text = new MimeBodyPart();
                text.setText(mail.text(), "UTF-8");
                parts.addBodyPart(text);
                for (Mail.Attachment attachment : mail.attachments()) {
                    MimeBodyPart file = new MimeBodyPart();
                    file.setDataHandler(new DataHandler(new ByteArrayDataSource(attachment.bytes(), attachment.mime())));
                    file.setFileName(attachment.name());
                    file.setDisposition(Part.ATTACHMENT);
                    parts.addBodyPart(file);
                }
                message.setContent(parts);
            }
            message.setSentDate(new Date());
            // Sent by a program on a person's behalf: out-of-office responders should not answer it (RFC 3834).
            message.setHeader("Auto-Submitted", "auto-generated");
            Transport.send(message);
        } catch (SendFailedException e) {
            // The server refused the recipient: sending again would be refused again.
            throw new MailFailure(e.getMessage(), e.getInvalidAddresses() != null && e.getInvalidAddresses().length > 0, e);
        } catch (MessagingException e) {
            throw new MailFailure(e.getMessage(), false, e);
        }
    }
}
