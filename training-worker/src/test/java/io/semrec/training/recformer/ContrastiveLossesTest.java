package io.semrec.training.recformer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/** The losses against the same formulas computed by hand in doubles. */
class ContrastiveLossesTest {

    private static final double[][] SEQUENCES = {{1, 0}, {0.6, 0.8}, {-1, 1}};
    private static final double[][] ITEMS = {{2, 0}, {0, 3}, {0.5, 0.5}};

    @Test
    void itemItemContrastiveMatchesAHandComputationAndLeavesDuplicatesOut() {
        double tau = 0.05;
        // Rows 0 and 2 share an item: neither is the other's negative.
        int[] itemIds = {7, 8, 7};
        try (NDManager manager = NDManager.newBaseManager()) {
            float loss = ContrastiveLosses.itemItemContrastive(matrix(manager, SEQUENCES), matrix(manager, ITEMS),
                    itemIds, tau).getFloat();
            double expected = 0;
            for (int b = 0; b < 3; b++) {
                double positive = cosine(SEQUENCES[b], ITEMS[b]) / tau;
                double sum = 0;
                for (int c = 0; c < 3; c++) {
                    if (c == b || itemIds[c] != itemIds[b]) {
                        sum += Math.exp(cosine(SEQUENCES[b], ITEMS[c]) / tau);
                    }
                }
                expected += Math.log(sum) - positive;
            }
            assertEquals(expected / 3, loss, 1e-4);
        }
    }

    @Test
    void crossEntropyOverAllItemsMatchesAHandComputation() {
        double tau = 0.5;
        int[] targets = {2, 0, 1};
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray logits = ContrastiveLosses.cosineLogits(matrix(manager, SEQUENCES), matrix(manager, ITEMS), tau);
            float loss = ContrastiveLosses.crossEntropy(logits, targets).getFloat();
            double expected = 0;
            for (int b = 0; b < 3; b++) {
                double sum = 0;
                for (double[] item : ITEMS) {
                    sum += Math.exp(cosine(SEQUENCES[b], item) / tau);
                }
                expected += Math.log(sum) - cosine(SEQUENCES[b], ITEMS[targets[b]]) / tau;
            }
            assertEquals(expected / 3, loss, 1e-5);
            assertEquals(cosine(SEQUENCES[1], ITEMS[2]) / tau, logits.getFloat(1, 2), 1e-5);
        }
    }

    private static NDArray matrix(NDManager manager, double[][] rows) {
        float[] flat = new float[rows.length * rows[0].length];
        for (int r = 0; r < rows.length; r++) {
            for (int c = 0; c < rows[r].length; c++) {
                flat[r * rows[r].length + c] = (float) rows[r][c];
            }
        }
        return manager.create(flat, new Shape(rows.length, rows[0].length));
    }

    private static double cosine(double[] a, double[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }
}
