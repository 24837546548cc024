package dev.babeldesk.answering;

import dev.babeldesk.retrieval.Candidate;

import java.util.List;

/**
 * Turns retrieval evidence into a confidence in [0,1]: a logistic function of the best
 * candidate's normalised score, the share of the question it covers, and its lead over the
 * runner-up. A lead matters as much as the score: two entries scoring alike is exactly the case
 * where a guess goes wrong.
 *
 * <p>The weights are global defaults chosen on a development set (never on a shop's data) and
 * are the same for every shop and language.
 */
public final class ConfidenceModel {
    private final double bias;
    private final double scoreWeight;
    private final double coverageWeight;
    private final double marginWeight;

    public ConfidenceModel(double bias, double scoreWeight, double coverageWeight, double marginWeight) {
        this.bias = bias;
        this.scoreWeight = scoreWeight;
        this.coverageWeight = coverageWeight;
        this.marginWeight = marginWeight;
    }

    public static ConfidenceModel defaults() {
        return new ConfidenceModel(-6.0, 6.0, 3.0, 8.0);
    }

    /** Confidence that {@code candidates.get(index)} is the right answer. */
    public double confidence(List<Candidate> candidates, int index) {
        if (index >= candidates.size()) return 0;
        Candidate c = candidates.get(index);
        double best = candidates.get(0).score();
        double other = index == 0 ? (candidates.size() > 1 ? candidates.get(1).score() : 0) : best;
        double margin = c.score() - other;
        double z = bias + scoreWeight * c.score() + coverageWeight * c.coverage() + marginWeight * margin;
        return 1 / (1 + Math.exp(-z));
    }
}
