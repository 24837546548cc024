package dev.babeldesk.mail;

/**
 * One plain-text email to one address.
 *
 * @param thread a random token the email's Message-ID carries, so that an answer to it can be led back
 *               (see {@link ImapInbox}); null for none
 */
public record Mail(String to, String subject, String text, String thread) {}
