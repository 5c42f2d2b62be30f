package io.semrec.training.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** Banded Longformer attention against full attention and against a naive masked computation written here. */
class LongformerAttentionTest {

    private static final int HEADS = 2;
    private static final int HIDDEN = 8;

    /** A fresh manager for each test, closed after it. */
    @AutoClose
    private final NDManager manager = NDManager.newBaseManager();
    private final SplittableRandom random = new SplittableRandom(7);

    @Test
    void equalsFullAttentionWhenTheWindowCoversTheSequence() {
        int[][] mask = {{1, 1, 1, 1, 1, 1, 1, 1, 1}, {1, 1, 1, 1, 1, 0, 0, 0, 0}};
        Projections p = Projections.random(random, 2, 9, true);
        for (int oneSided : new int[] {8, 9, 20}) {
            float[] banded = longformer(p, mask, oneSided);
            NDArray full = TransformerOps.multiHeadAttention(p.array(manager, p.q), p.array(manager, p.k),
                    p.array(manager, p.v), TransformerOps.attentionBias(manager.create(mask), false, DataType.FLOAT32),
                    HEADS, 0, false);
            assertClose(full.toFloatArray(), banded, 1e-5f, "window " + oneSided);
        }
    }

    @Test
    void matchesNaiveMaskedAttentionForSmallWindowsPaddingAndSeparateGlobalProjections() {
        int[][] mask = {{1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, {1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0}};
        Projections p = Projections.random(random, 2, 11, false);
        for (int oneSided : new int[] {1, 2, 3, 4, 10}) {
            assertClose(naive(p, mask, oneSided), longformer(p, mask, oneSided), 1e-5f, "window " + oneSided);
        }
    }

    @Test
    void differsFromFullAttentionWhenTheWindowIsShorterThanTheSequence() {
        int[][] mask = {{1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}};
        Projections p = Projections.random(random, 1, 12, true);
        float[] banded = longformer(p, mask, 2);
        float[] full = naive(p, mask, 100);
        assertTrue(maxAbsDiff(banded, full) > 1e-2f, "a 2-token window should change far tokens' outputs");
        // CLS sees everything either way.
        for (int k = 0; k < HIDDEN; k++) {
            assertTrue(Math.abs(banded[k] - full[k]) < 1e-5f);
        }
    }

    @Test
    void oneTokenSequencesAreTheGlobalRowAlone() {
        int[][] mask = {{1}};
        Projections p = Projections.random(random, 1, 1, false);
        assertClose(naive(p, mask, 3), longformer(p, mask, 3), 1e-6f, "single token");
    }

    @Test
    void batchRowsAreIndependent() {
        int[][] mask = {{1, 1, 1, 1, 1, 1, 1}, {1, 1, 1, 1, 0, 0, 0}};
        Projections p = Projections.random(random, 2, 7, false);
        float[] both = longformer(p, mask, 2);
        Projections second = p.row(1);
        float[] alone = longformer(second, new int[][] {mask[1]}, 2);
        float[] secondRow = new float[alone.length];
        System.arraycopy(both, 7 * HIDDEN, secondRow, 0, alone.length);
        assertArrayEquals(alone, secondRow, 1e-5f);
    }

    private float[] longformer(Projections p, int[][] mask, int oneSided) {
        int batch = mask.length;
        int length = mask[0].length;
        NDArray bias = TransformerOps.attentionBias(manager.create(mask), false, DataType.FLOAT32);
        NDArray globalQuery = p.array(manager, p.qg).reshape(batch, length, HIDDEN)
                .get(new NDIndex(":, 0:1"));
        return LongformerAttention.attend(p.array(manager, p.q), p.array(manager, p.k), p.array(manager, p.v),
                globalQuery, p.array(manager, p.kg), p.array(manager, p.vg), bias, HEADS, oneSided, 0, false)
                .toFloatArray();
    }

    /** Independent reference: for each token and head, an explicit list of allowed keys and a softmax over them. */
    private static float[] naive(Projections p, int[][] mask, int oneSided) {
        int batch = mask.length;
        int length = mask[0].length;
        int d = HIDDEN / HEADS;
        float[] out = new float[batch * length * HIDDEN];
        for (int b = 0; b < batch; b++) {
            for (int h = 0; h < HEADS; h++) {
                for (int i = 0; i < length; i++) {
                    boolean global = i == 0;
                    float[] q = global ? p.qg : p.q;
                    float[] k = global ? p.kg : p.k;
                    float[] v = global ? p.vg : p.v;
                    double[] weights = new double[length];
                    double max = Double.NEGATIVE_INFINITY;
                    for (int j = 0; j < length; j++) {
                        boolean allowed = mask[b][j] == 1 && (global || j == 0 || Math.abs(i - j) <= oneSided);
                        if (!allowed) {
                            weights[j] = Double.NaN;
                            continue;
                        }
                        double s = 0;
                        for (int c = 0; c < d; c++) {
                            s += q[at(b, i, length) + h * d + c] * k[at(b, j, length) + h * d + c];
                        }
                        weights[j] = s / Math.sqrt(d);
                        max = Math.max(max, weights[j]);
                    }
                    double sum = 0;
                    for (int j = 0; j < length; j++) {
                        weights[j] = Double.isNaN(weights[j]) ? 0 : Math.exp(weights[j] - max);
                        sum += weights[j];
                    }
                    for (int c = 0; c < d; c++) {
                        double value = 0;
                        for (int j = 0; j < length; j++) {
                            value += weights[j] / sum * v[at(b, j, length) + h * d + c];
                        }
                        out[at(b, i, length) + h * d + c] = (float) value;
                    }
                }
            }
        }
        return out;
    }

    private static int at(int b, int t, int length) {
        return (b * length + t) * HIDDEN;
    }

    private static void assertClose(float[] expected, float[] actual, float tolerance, String what) {
        assertTrue(expected.length == actual.length, what + ": lengths differ");
        float diff = maxAbsDiff(expected, actual);
        assertTrue(diff < tolerance, what + ": differs by " + diff);
    }

    private static float maxAbsDiff(float[] a, float[] b) {
        float max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

    /** Projected queries, keys and values (B,T,H), local and global, flattened. */
    private record Projections(int batch, int length, float[] q, float[] k, float[] v, float[] qg, float[] kg,
            float[] vg) {

        static Projections random(SplittableRandom random, int batch, int length, boolean globalSameAsLocal) {
            int n = batch * length * HIDDEN;
            float[] q = values(random, n);
            float[] k = values(random, n);
            float[] v = values(random, n);
            return globalSameAsLocal
                    ? new Projections(batch, length, q, k, v, q, k, v)
                    : new Projections(batch, length, q, k, v, values(random, n), values(random, n), values(random, n));
        }

        Projections row(int b) {
            int n = length * HIDDEN;
            return new Projections(1, length, slice(q, b, n), slice(k, b, n), slice(v, b, n), slice(qg, b, n),
                    slice(kg, b, n), slice(vg, b, n));
        }

        NDArray array(NDManager manager, float[] values) {
            return manager.create(values, new Shape(batch, length, HIDDEN));
        }

        private static float[] slice(float[] values, int b, int n) {
            float[] out = new float[n];
            System.arraycopy(values, b * n, out, 0, n);
            return out;
        }

        private static float[] values(SplittableRandom random, int n) {
            float[] values = new float[n];
            for (int i = 0; i < n; i++) {
                values[i] = (float) (random.nextGaussian() * 1.5);
            }
            return values;
        }
    }
}
