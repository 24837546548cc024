package dev.babeldesk.answering;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogisticModelTest {

    @Test
    void the_fit_recovers_the_weights_that_generated_the_labels() {
        Random random = new Random(7);
        List<LogisticModel.Sample> samples = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            double[] x = {random.nextGaussian(), random.nextGaussian()};
            double p = 1 / (1 + Math.exp(-(-0.5 + 2.0 * x[0] - 1.0 * x[1])));
            samples.add(new LogisticModel.Sample(x, random.nextDouble() < p));
        }
        LogisticModel model = LogisticModel.fit(samples, 2, 0);
        assertEquals(-0.5, model.bias(), 0.1);
        assertEquals(2.0, model.weights()[0], 0.1);
        assertEquals(-1.0, model.weights()[1], 0.1);
    }

    @Test
    void the_penalty_shrinks_the_weights_of_perfectly_separated_examples_instead_of_letting_them_grow_without_bound() {
        List<LogisticModel.Sample> samples = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            samples.add(new LogisticModel.Sample(new double[]{1 + i / 50.0}, true));
            samples.add(new LogisticModel.Sample(new double[]{-1 - i / 50.0}, false));
        }
        LogisticModel model = LogisticModel.fit(samples, 1, 0.001);
        double w = model.weights()[0];
        assertTrue(Double.isFinite(w) && w > 1 && w < 100, "weight " + w);
        assertTrue(model.probability(new double[]{1.5}) > 0.95);
        assertTrue(model.probability(new double[]{-1.5}) < 0.05);
    }

    @Test
    void examples_of_one_class_only_give_a_finite_model_that_predicts_that_class() {
        List<LogisticModel.Sample> samples = new ArrayList<>();
        for (int i = 0; i < 30; i++) samples.add(new LogisticModel.Sample(new double[]{i / 30.0}, false));
        LogisticModel model = LogisticModel.fit(samples, 1, 0.001);
        assertTrue(Double.isFinite(model.bias()));
        assertTrue(model.probability(new double[]{0.5}) < 0.05);
    }

    @Test
    void no_examples_give_a_cautious_model() {
        LogisticModel model = LogisticModel.fit(List.of(), 3, 0.001);
        assertTrue(model.probability(new double[]{1, 1, 1}) < 0.2);
    }
}
