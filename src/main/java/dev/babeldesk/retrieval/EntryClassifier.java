package dev.babeldesk.retrieval;

import java.util.List;

/**
 * A linear classifier over sentence vectors, learnt from the knowledge base's own phrasings
 * (shrinkage linear discriminant analysis). Nearest-phrasing similarity is fooled by words that
 * many entries share, such as product or account names ("open a Pro account" lands on "switch to
 * the Pro account"). The spread of an entry's own phrasings shows which directions of the vector
 * space vary within an entry and so say nothing about which entry is meant; the discriminant
 * discounts them. This is how similar answers are told apart without anyone tuning boosts.
 */
final class EntryClassifier {
    private final double[][] weights; // one row per entry
    private final double[] bias;

    private EntryClassifier(double[][] weights, double[] bias) {
        this.weights = weights;
        this.bias = bias;
    }

    /**
     * @param vectors unit vectors of the phrasings (and answer bodies)
     * @param labels  the entry index of each vector, in [0, entries)
     */
    static EntryClassifier fit(List<float[]> vectors, int[] labels, int entries) {
        int n = vectors.size();
        int d = vectors.get(0).length;
        double[][] mean = new double[entries][d];
        int[] count = new int[entries];
        for (int i = 0; i < n; i++) {
            count[labels[i]]++;
            float[] x = vectors.get(i);
            for (int j = 0; j < d; j++) mean[labels[i]][j] += x[j];
        }
        for (int k = 0; k < entries; k++) {
            if (count[k] > 0) for (int j = 0; j < d; j++) mean[k][j] /= count[k];
        }
        // Pooled within-entry covariance, shrunk towards a multiple of the identity. The fewer
        // phrasings per entry, the less the estimate is worth: with one each it is the identity
        // and the classifier is a nearest-centroid rule.
        int dof = n - entries;
        double shrinkage = dof <= 0 ? 1.0 : Math.min(1.0, Math.max(0.3, (double) entries / dof));
        double[][] cov = new double[d][d];
        if (dof > 0) {
            double[] r = new double[d];
            for (int i = 0; i < n; i++) {
                float[] x = vectors.get(i);
                double[] m = mean[labels[i]];
                for (int j = 0; j < d; j++) r[j] = x[j] - m[j];
                for (int a = 0; a < d; a++) {
                    double ra = r[a];
                    if (ra == 0) continue;
                    double[] row = cov[a];
                    for (int b = a; b < d; b++) row[b] += ra * r[b];
                }
            }
            for (int a = 0; a < d; a++) for (int b = a; b < d; b++) {
                cov[a][b] /= dof;
                cov[b][a] = cov[a][b];
            }
        }
        double trace = 0;
        for (int a = 0; a < d; a++) trace += cov[a][a];
        double scale = trace > 0 ? trace / d : 1.0;
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < d; b++) cov[a][b] *= (1 - shrinkage);
            cov[a][a] += shrinkage * scale;
        }
        double[][] chol = cholesky(cov);
        double[][] weights = new double[entries][];
        double[] bias = new double[entries];
        for (int k = 0; k < entries; k++) {
            weights[k] = solve(chol, mean[k]);
            double dot = 0;
            for (int j = 0; j < d; j++) dot += weights[k][j] * mean[k][j];
            bias[k] = -0.5 * dot;
        }
        return new EntryClassifier(weights, bias);
    }

    /** Discriminant scores of every entry, standardised over the entries (mean 0, deviation 1). */
    double[] standardScores(float[] x) {
        int k = weights.length;
        double[] s = new double[k];
        double sum = 0;
        for (int c = 0; c < k; c++) {
            double z = bias[c];
            double[] w = weights[c];
            for (int j = 0; j < w.length; j++) z += w[j] * x[j];
            s[c] = z;
            sum += z;
        }
        double mean = sum / k;
        double var = 0;
        for (double v : s) var += (v - mean) * (v - mean);
        double sd = Math.sqrt(var / k);
        for (int c = 0; c < k; c++) s[c] = sd > 0 ? (s[c] - mean) / sd : 0;
        return s;
    }

    /** Lower-triangular L with L Lᵀ = a (a is symmetric positive definite after shrinkage). */
    private static double[][] cholesky(double[][] a) {
        int d = a.length;
        double[][] l = new double[d][d];
        for (int i = 0; i < d; i++) {
            double[] li = l[i];
            for (int j = 0; j <= i; j++) {
                double[] lj = l[j];
                double sum = a[i][j];
                for (int k = 0; k < j; k++) sum -= li[k] * lj[k];
                li[j] = i == j ? Math.sqrt(Math.max(sum, 1e-12)) : sum / lj[j];
            }
        }
        return l;
    }

    /** x with L Lᵀ x = b. */
    private static double[] solve(double[][] l, double[] b) {
        int d = b.length;
        double[] y = new double[d];
        for (int i = 0; i < d; i++) {
            double sum = b[i];
            for (int k = 0; k < i; k++) sum -= l[i][k] * y[k];
            y[i] = sum / l[i][i];
        }
        double[] x = new double[d];
        for (int i = d - 1; i >= 0; i--) {
            double sum = y[i];
            for (int k = i + 1; k < d; k++) sum -= l[k][i] * x[k];
            x[i] = sum / l[i][i];
        }
        return x;
    }
}
