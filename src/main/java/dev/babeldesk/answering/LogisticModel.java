package dev.babeldesk.answering;

import java.util.List;

/**
 * A small logistic regression, fitted by gradient descent with an L2 penalty on the weights
 * (not the bias), so a language with few examples gets a cautious, flat model rather than an
 * over-confident one.
 */
public record LogisticModel(double bias, double[] weights) {

    public double probability(double[] features) {
        double z = bias;
        for (int i = 0; i < weights.length; i++) z += weights[i] * features[i];
        return 1 / (1 + Math.exp(-z));
    }

    /** One training example: features and whether the top candidate was right. */
    public record Sample(double[] features, boolean right) {}

    public static LogisticModel fit(List<Sample> samples, int dimensions, double l2) {
        double bias = 0;
        double[] w = new double[dimensions];
        if (samples.isEmpty()) return new LogisticModel(-2, w);
        double rate = 1.0;
        int n = samples.size();
        for (int iteration = 0; iteration < 3000; iteration++) {
            double gradBias = 0;
            double[] grad = new double[dimensions];
            for (Sample s : samples) {
                double z = bias;
                for (int i = 0; i < dimensions; i++) z += w[i] * s.features()[i];
                double error = 1 / (1 + Math.exp(-z)) - (s.right() ? 1 : 0);
                gradBias += error;
                for (int i = 0; i < dimensions; i++) grad[i] += error * s.features()[i];
            }
            bias -= rate * gradBias / n;
            for (int i = 0; i < dimensions; i++) w[i] -= rate * (grad[i] / n + l2 * w[i]);
        }
        return new LogisticModel(bias, w);
    }
}
