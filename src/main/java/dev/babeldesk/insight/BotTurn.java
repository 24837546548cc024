package dev.babeldesk.insight;

import java.time.Instant;

/**
 * One shopper question the bot decided on, as the insight page and the threshold simulator see it.
 *
 * @param localeHint   the language the conversation or page declared when the question came (replays use it again)
 * @param entryId      the answer given, or for clarify / hand-off the best candidate (null when there was none)
 * @param helpful      the shopper's vote on the answer to this question (null: no vote)
 * @param chosenEntry  the entry the shopper picked from the offered choices (null: none)
 */
public record BotTurn(
        String conversationId,
        long questionSeq,
        String question,
        String localeHint,
        String language,
        String decision,
        String handoffReason,
        String entryId,
        Double confidence,
        Double answerable,
        Double choice,
        Boolean helpful,
        String chosenEntry,
        Instant at) {

    /** Handed off because the base had no good answer (not because the shopper wanted a person). */
    public boolean unanswered() {
        return "handoff".equals(decision)
                && ("low_confidence".equals(handoffReason) || "repeated_failure".equals(handoffReason));
    }

    public boolean notHelpful() {
        return Boolean.FALSE.equals(helpful);
    }
}
