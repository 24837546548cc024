package dev.babeldesk.answering;

/**
 * The two thresholds that turn the best candidate's assessment into answer, clarify or hand off:
 * hand off when the question is probably not one the base answers (answerable below the
 * hand-off threshold); answer when it is and the best entry is very probably the one (choice at
 * or above the answer threshold); otherwise offer the best few as choices.
 *
 * <p>Two probabilities rather than their product: on the development set, thresholding the
 * product let the doubt about scope blur the doubt between similar entries, and at 2 % wrong
 * answers it answered 0.52 of questions right against 0.75 this way. Separate from the engine so
 * the threshold simulator can replay questions at other values.
 */
public record AnswerPolicy(double answerThreshold, double answerScopeThreshold, double handoffThreshold) {

    public Decision decide(ConfidenceModel.Assessment best) {
        if (best.answerable() < handoffThreshold) return Decision.HANDOFF;
        // Where the scope is a guess (ConfidenceModel.blindToScope), a shopper is offered choices and can
        // ask for a person; answering outright would be a confident answer to what may be another question.
        if (best.choice() >= answerThreshold && best.answerable() >= answerScopeThreshold && best.scopeKnown()) {
            return Decision.ANSWER;
        }
        return Decision.CLARIFY;
    }
}
