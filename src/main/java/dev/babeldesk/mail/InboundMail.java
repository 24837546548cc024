package dev.babeldesk.mail;

import java.util.List;

/**
 * An email that arrived in the replies mailbox, as far as the chat needs it.
 *
 * @param messageId the sender's Message-ID (null when it sent none)
 * @param from      the sender's address
 * @param threads   thread tokens of our emails it answers (from In-Reply-To and References), nearest first
 * @param automatic sent by a program (an out-of-office notice, a bounce), not by the shopper
 * @param text      the new text the sender wrote, the quoted email left out ({@link QuotedText})
 */
public record InboundMail(String messageId, String from, List<String> threads, boolean automatic, String text) {}
