package dev.babeldesk.answering;

import dev.babeldesk.knowledge.Entry;

import java.util.List;

/**
 * The bot's decision on one message, with the evidence behind it so an agent, an editor or the
 * evaluation command can see why.
 *
 * @param entry             the answer given (ANSWER, or the matched hand-off entry), else null
 * @param choices           the entries offered (CLARIFY), best first, in the reply language
 * @param candidates        the top candidates with scores, in the detected language
 * @param language          the language the reply is in
 * @param detectedLanguage  the language the message was detected as
 * @param languageFromText  false when the text was too short and the declared locale decided
 * @param translationMissing true when the entry has no translation in the detected language and
 *                          the reply falls back to the default language
 */
public record BotAnswer(
        Decision decision,
        HandoffReason handoffReason,
        double confidence,
        Entry entry,
        List<Entry> choices,
        List<ScoredEntry> candidates,
        String language,
        String detectedLanguage,
        boolean languageFromText,
        boolean translationMissing,
        double answerThreshold,
        double handoffThreshold) {

    public BotAnswer {
        choices = List.copyOf(choices);
        candidates = List.copyOf(candidates);
    }
}
