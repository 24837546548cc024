package dev.babeldesk.insight;

import java.util.ArrayList;
import java.util.List;

/**
 * Shoppers' questions labelled by the shoppers themselves, as evaluation cases
 * ({@code babeldesk eval --cases}): a pick from the offered choices labels the question with the
 * entry picked; a direct answer voted helpful labels it with that answer. Nothing else is a label:
 * a hand-off says only that the bot was unsure, and an answer nobody voted on says nothing.
 *
 * <p>These are the questions the bot was unsure of or that a shopper bothered to vote on, not a
 * sample of all traffic, so the figures on them are for comparing thresholds and knowledge-base
 * versions, not for quoting as the bot's rates.
 */
public final class LabelledQuestions {
    /** One case in the evaluation format; {@code source} says where the label came from. */
    public record Case(String id, String text, String lang, String expect, String source, String botDecision) {}

    private LabelledQuestions() {}

    /** @param turns stored bot decisions; the cases' texts are masked ({@link PersonalData#mask}) */
    public static List<Case> from(List<BotTurn> turns) {
        List<Case> cases = new ArrayList<>();
        for (BotTurn t : turns) {
            String id = t.conversationId() + "-" + t.questionSeq();
            if (t.chosenEntry() != null) {
                cases.add(new Case(id, PersonalData.mask(t.question()), t.language(), t.chosenEntry(), "picked", t.decision()));
            } else if ("answer".equals(t.decision()) && Boolean.TRUE.equals(t.helpful()) && t.entryId() != null) {
                cases.add(new Case(id, PersonalData.mask(t.question()), t.language(), t.entryId(), "helpful", t.decision()));
            }
        }
        return cases;
    }
}
