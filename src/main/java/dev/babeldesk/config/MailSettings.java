package dev.babeldesk.config;

import java.time.Duration;

/**
 * How agents' unread replies reach shoppers by email (the {@code mail.*} settings), and how their
 * answers come back ({@code mail.imap-*}).
 */
public record MailSettings(String smtpHost, int smtpPort, String security, String user, String password, String from,
                           String replyTo, int delayMinutes, Imap imap) {

    /** The mailbox shoppers' answers arrive in (the one {@code mail.reply-to} names), read over IMAP; off without a host. */
    public record Imap(String host, int port, String security, String user, String password, String folder) {
        public static final Imap OFF = new Imap("", 993, "tls", "", "", "INBOX");

        @Override
        public String toString() {
            return host.isEmpty() ? "off" : host + ":" + port + " " + security + (user.isEmpty() ? "" : " as " + user) + " " + folder;
        }
    }

    /** Emails out only. */
    public MailSettings(String smtpHost, int smtpPort, String security, String user, String password, String from,
                        String replyTo, int delayMinutes) {
        this(smtpHost, smtpPort, security, user, password, from, replyTo, delayMinutes, Imap.OFF);
    }

    /** Whether emails are sent at all: only with an SMTP server. */
    public boolean enabled() {
        return !smtpHost.isEmpty();
    }

    /** Whether shoppers' answers are read back into their conversations. */
    public boolean readsAnswers() {
        return enabled() && !imap.host().isEmpty();
    }

    public Duration delay() {
        return Duration.ofMinutes(delayMinutes);
    }

    /** The passwords stay out of logs and error messages. */
    @Override
    public String toString() {
        return "MailSettings[" + smtpHost + ":" + smtpPort + " " + security + (user.isEmpty() ? "" : " as " + user)
                + ", from " + from + ", delay " + delayMinutes + " min, answers " + imap + "]";
    }
}
