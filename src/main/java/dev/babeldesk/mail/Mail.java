package dev.babeldesk.mail;

import java.util.List;

/**
 * One plain-text email to one address, with the pictures it carries.
 *
 * @param thread a random token the email's Message-ID carries, so that an answer to it can be led back
 *               (see {@link ImapInbox}); null for none
 */
public record Mail(String to, String subject, String text, String thread, List<Attachment> attachments) {

    public Mail {
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    /** A file sent with the email (an agent's picture, as the server drew it). */
    public record Attachment(String name, String mime, byte[] bytes) {}
}
