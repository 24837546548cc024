package dev.babeldesk.learning;

import java.time.Instant;

/**
 * A shopper's question an admin decided on for an entry: approved, it is a learned phrasing of
 * the entry; rejected, it is not suggested again.
 *
 * @param text the question as masked for the admin page ({@code insight.PersonalData#mask})
 */
public record LearnedPhrasing(String id, String language, String entryId, String text, boolean approved,
                              String decidedBy, Instant decidedAt) {}
