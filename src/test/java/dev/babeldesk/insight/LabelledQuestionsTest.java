package dev.babeldesk.insight;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LabelledQuestionsTest {
    private static BotTurn turn(long seq, String question, String decision, String entry, Boolean helpful, String chosen) {
        return new BotTurn("c1", seq, question, "en", "en", decision, decision.equals("handoff") ? "low_confidence" : null,
                entry, 0.9, 0.9, 0.9, helpful, chosen, Instant.parse("2026-11-28T10:00:00Z"));
    }

    @Test
    void a_pick_or_a_helpful_vote_labels_a_question_and_nothing_else_does_and_email_addresses_are_masked() {
        List<LabelledQuestions.Case> cases = LabelledQuestions.from(List.of(
                turn(2, "where is my parcel? jane@example.com", "clarify", "track-order", null, "track-order"),
                turn(4, "how long to return", "answer", "return-window", true, null),
                turn(6, "refund when", "answer", "refund-time", false, "refund-method"),   // voted down, then picked another
                turn(8, "do you sell bikes", "handoff", "product-range", null, null),
                turn(10, "can I pay later", "answer", "payment-methods", null, null),
                turn(12, "customs", "answer", "customs", false, null)));

        assertEquals(List.of(
                new LabelledQuestions.Case("c1-2", "where is my parcel? [email]", "en", "track-order", "picked", "clarify"),
                new LabelledQuestions.Case("c1-4", "how long to return", "en", "return-window", "helpful", "answer"),
                new LabelledQuestions.Case("c1-6", "refund when", "en", "refund-method", "picked", "answer")), cases);
    }
}
