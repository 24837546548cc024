package dev.babeldesk.answering;

import dev.babeldesk.answering.ConfidenceModel.Assessment;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AnswerPolicyTest {
    /**
     * Answer when the best entry is at least 0.9 probably the one and the question at least 0.5
     * answerable; hand off when the question is below 0.3 answerable.
     */
    private final AnswerPolicy policy = new AnswerPolicy(0.9, 0.5, 0.3);

    @Test
    void answers_an_answerable_question_whose_best_entry_is_clear() {
        assertEquals(Decision.ANSWER, policy.decide(new Assessment(0.8, 0.95)));
        assertEquals(Decision.ANSWER, policy.decide(new Assessment(0.5, 0.9)), "the thresholds are inclusive");
    }

    @Test
    void offers_choices_when_the_question_is_answerable_but_the_entry_unclear() {
        assertEquals(Decision.CLARIFY, policy.decide(new Assessment(0.8, 0.5)));
        assertEquals(Decision.CLARIFY, policy.decide(new Assessment(0.6, 0.89)));
    }

    @Test
    void offers_choices_rather_than_a_direct_answer_when_the_question_is_only_perhaps_answerable() {
        // "How long does it take to learn Spanish?" against a shop's base: delivery times are clearly the closest entry, but the
        // question is probably not about them. A wrong direct answer is worse than choices with a way out.
        assertEquals(Decision.CLARIFY, policy.decide(new Assessment(0.35, 0.99)));
        assertEquals(Decision.CLARIFY, policy.decide(new Assessment(0.3, 0.9)));
    }

    @Test
    void hands_off_a_question_the_base_probably_cannot_answer_however_clear_the_entry() {
        assertEquals(Decision.HANDOFF, policy.decide(new Assessment(0.29, 0.99)));
        assertEquals(Decision.HANDOFF, policy.decide(Assessment.NONE));
    }

    @Test
    void never_answers_outright_where_the_scope_is_a_guess() {
        assertEquals(Decision.CLARIFY, policy.decide(new Assessment(0.8, 0.99, false)));
        assertEquals(Decision.HANDOFF, policy.decide(new Assessment(0.2, 0.99, false)), "a hand-off stays a hand-off");
    }

    @Test
    void the_confidence_of_an_assessment_is_the_product_of_its_probabilities() {
        assertEquals(0.4, new Assessment(0.5, 0.8).confidence(), 1e-12);
        assertEquals(0, Assessment.NONE.confidence());
    }
}
