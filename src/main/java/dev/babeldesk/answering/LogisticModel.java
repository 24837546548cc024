package dev.babeldesk.answering;

import java.util.List;

/**
 * A small logistic regression, fitted by gradient descent with an L2 penalty on the weights
 * (not the bias), so a language with few examples gets a cautious, flat model rather than an
 * over-confident one.
 */
public record LogisticModel(double bias, double[] weights) {
    /**
     * A fixed number of steps, not a fit to convergence. The exact optimum (Newton's method) measured
     * the same on the development sets, but on a small base whose examples are all of one class it
     * has no weights at all (the runner-up as certain as the best candidate); stopping early keeps
     * the features' direction.
     */
    private static final int STEPS = 3000;

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
        int n = samples.size();
        // One flat array, example after example: the loop below runs STEPS × n times at start-up.
        double[] x = new double[n * dimensions];
        double[] y = new double[n];
        for (int s = 0; s < n; s++) {
            System.arraycopy(samples.get(s).features(), 0, x, s * dimensions, dimensions);
            y[s] = samples.get(s).right() ? 1 : 0;
        }
        double rate = 1.0;
        double[] grad = new double[dimensions];
        for (int step = 0; step < STEPS; step++) {
            double gradBias = 0;
            java.util.Arrays.fill(grad, 0);
            for (int s = 0, offset = 0; s < n; s++, offset += dimensions) {
                double z = bias;
                for (int i = 0; i < dimensions; i++) z += w[i] * x[offset + i];
                double error = 1 / (1 + Math.exp(-z)) - y[s];
                gradBias += error;
                for (int i = 0; i < dimensions; i++) grad[i] += error * x[offset + i];
            }
            bias -= rate * gradBias / n;
            for (int i = 0; i < dimensions; i++) w[i] -= rate * (grad[i] / n + l2 * w[i]);
        }
        return new LogisticModel(bias, w);
    }
}
