package dev.babeldesk.config;

import java.time.Duration;

/** How agents' unread replies reach shoppers by email (the {@code mail.*} settings). */
public record MailSettings(String smtpHost, int smtpPort, String security, String user, String password, String from,
                           String replyTo, int delayMinutes) {

    /** Whether emails are sent at all: only with an SMTP server. */
    public boolean enabled() {
        return !smtpHost.isEmpty();
    }

    public Duration delay() {
        return Duration.ofMinutes(delayMinutes);
    }

    /** The password stays out of logs and error messages. */
    @Override
    public String toString() {
        return "MailSettings[" + smtpHost + ":" + smtpPort + " " + security + (user.isEmpty() ? "" : " as " + user)
                + ", from " + from + ", delay " + delayMinutes + " min]";
    }
}
