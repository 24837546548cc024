package dev.babeldesk.answering;

/**
 * The two thresholds that split confidence into answer, clarify and hand-off.
 * Separate from the engine so the threshold simulator can replay questions at other values.
 */
public record AnswerPolicy(double answerThreshold, double handoffThreshold) {

    public AnswerPolicy {
        if (handoffThreshold > answerThreshold) {
            throw new IllegalArgumentException("hand-off threshold above answer threshold");
        }
    }

    public Decision decide(double confidence) {
        if (confidence >= answerThreshold) return Decision.ANSWER;
        if (confidence >= handoffThreshold) return Decision.CLARIFY;
        return Decision.HANDOFF;
    }
}
