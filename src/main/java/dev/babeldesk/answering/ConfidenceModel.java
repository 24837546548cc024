package dev.babeldesk.answering;

import dev.babeldesk.retrieval.Candidate;

import java.util.List;

/**
 * Turns retrieval evidence into a confidence in [0,1]: a logistic function of the share of
 * the question the candidate covers and its lead over the runner-up. A lead matters as much as the score: two entries scoring alike is exactly the case
 * where a guess goes wrong.
 *
 * <p>The weights are global defaults chosen on a development set (never on a shop's data) and
 * are the same for every shop and language.
 */
public final class ConfidenceModel {
    private final double bias;
    private final double coverageWeight;
    private final double marginWeight;

    public ConfidenceModel(double bias, double coverageWeight, double marginWeight) {
        this.bias = bias;
        this.coverageWeight = coverageWeight;
        this.marginWeight = marginWeight;
    }

    /** A logistic regression of "first candidate right" on the development set, rounded. */
    public static ConfidenceModel defaults() {
        return new ConfidenceModel(-1.9, 2.4, 13.8);
    }

    /** Confidence that {@code candidates.get(index)} is the right answer. */
    public double confidence(List<Candidate> candidates, int index) {
        if (index >= candidates.size()) return 0;
        Candidate c = candidates.get(index);
        double best = candidates.get(0).score();
        double other = index == 0 ? (candidates.size() > 1 ? candidates.get(1).score() : 0) : best;
        double margin = c.score() - other;
        double z = bias + coverageWeight * c.coverage() + marginWeight * margin;
        return 1 / (1 + Math.exp(-z));
    }
}
