package dev.babeldesk.insight;

import java.time.Instant;

/**
 * What the insight summary needs of one conversation. No names or email addresses: they are not
 * read out of the store for insight at all.
 *
 * @param firstHandoffReason why it first went to the queue (null: the bot handled it alone)
 * @param firstHandoffAt     when it first went to the queue
 * @param firstResponseAt    when a person first replied (null: nobody did)
 */
public record ConversationFacts(
        String id,
        Instant createdAt,
        String language,
        String firstHandoffReason,
        Instant firstHandoffAt,
        Instant firstResponseAt,
        String resolution,
        Integer rating) {

    public boolean handedOff() {
        return firstHandoffReason != null;
    }
}
