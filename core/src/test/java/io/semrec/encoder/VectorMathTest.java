package io.semrec.encoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class VectorMathTest {

    /** Shapes around the kernels' edges: 4-row blocks, 4-, 2- and 1-vector column tiles, scalar tails. */
    private static final int[][] SHAPES = {
        // rows, inputs, width, fromRow, toRow, fromCol, toCol
        {1, 1, 1, 0, 1, 0, 1},
        {9, 7, 70, 0, 9, 0, 70},
        {9, 7, 70, 2, 9, 5, 69},
        {8, 384, 1920, 0, 8, 1152, 1920},
        {5, 33, 48, 1, 5, 0, 48},
        {13, 16, 100, 3, 12, 17, 83},
        {6, 10, 200, 0, 6, 0, 200},
        {4, 5, 160, 0, 4, 0, 150},
    };

    @Test
    void scalarProductMatchesAnIndependentSumAndLeavesOtherCellsAlone() {
        for (int[] shape : SHAPES) {
            check(shape, VectorMath::scalarMatmul);
        }
    }

    @Test
    void vectorApiProductMatchesAnIndependentSumAndLeavesOtherCellsAlone() {
        // Surefire loads the module (parent pom), so this runs on every JDK the build runs on.
        assertTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent());
        for (int[] shape : SHAPES) {
            check(shape, SimdMatmul::matmul);
        }
    }

    /** Lengths around the vector widths (8 and 16 lanes) and the two-vector tile. */
    private static final int[] COUNTS = {1, 7, 16, 17, 32, 33, 65};

    @Test
    void scalarAttentionKernelsMatchIndependentSums() {
        checkAttention(VectorMath::scalarRowTimesColumns, VectorMath::scalarScaledSoftmax,
                VectorMath::scalarAddWeightedRows);
    }

    @Test
    void vectorApiAttentionKernelsMatchIndependentSums() {
        checkAttention(SimdAttention::rowTimesColumns, SimdAttention::scaledSoftmax, SimdAttention::addWeightedRows);
    }

    private interface ColumnProduct {
        void run(float[] x, int xAt, int depth, float[] columns, int columnsAt, int stride, int count, float[] out,
                int outAt);
    }

    private interface Softmax {
        void run(float[] scores, int count, float scale);
    }

    private interface WeightedRows {
        void run(float[] weights, int weightsAt, int count, float[] rows, int firstAt, int stride, int length,
                float[] out, int outAt);
    }

    private static void checkAttention(ColumnProduct product, Softmax softmax, WeightedRows weightedRows) {
        for (int count : COUNTS) {
            SplittableRandom random = new SplittableRandom(count);
            int depth = 5;
            int stride = count + 3;
            float[] x = randoms(random, depth + 2);
            float[] columns = randoms(random, 4 + depth * stride);
            float[] scores = new float[count + 2];
            Arrays.fill(scores, Float.NaN);
            product.run(x, 2, depth, columns, 4, stride, count, scores, 1);
            assertTrue(Float.isNaN(scores[0]) && Float.isNaN(scores[count + 1]), "written outside 1.." + count);
            for (int n = 0; n < count; n++) {
                double expected = 0;
                for (int d = 0; d < depth; d++) {
                    expected += (double) x[2 + d] * columns[4 + d * stride + n];
                }
                assertEquals(expected, scores[1 + n], 1e-5, "score " + n + " of " + count);
            }

            float[] logits = randoms(random, count);
            float[] probabilities = logits.clone();
            softmax.run(probabilities, count, 3f);
            double total = 0;
            for (float logit : logits) {
                total += Math.exp(3.0 * logit);
            }
            for (int n = 0; n < count; n++) {
                assertEquals(Math.exp(3.0 * logits[n]) / total, probabilities[n], 1e-6, "probability " + n);
            }

            int length = count;
            int rowStride = length + 5;
            float[] rows = randoms(random, 3 + count * rowStride);
            float[] out = randoms(random, length + 2);
            float[] before = out.clone();
            weightedRows.run(probabilities, 0, count, rows, 3, rowStride, length, out, 1);
            assertEquals(before[0], out[0]);
            assertEquals(before[length + 1], out[length + 1]);
            for (int k = 0; k < length; k++) {
                double expected = before[1 + k];
                for (int n = 0; n < count; n++) {
                    expected += (double) probabilities[n] * rows[3 + n * rowStride + k];
                }
                assertEquals(expected, out[1 + k], 1e-5, "weighted sum " + k + " of " + count);
            }
        }
    }

    @Test
    void autoUsesTheVectorApiOnlyWithItsModuleOnJava25OrLater() {
        assertTrue(VectorMath.simdEnabled("auto", true, 25));
        assertFalse(VectorMath.simdEnabled("auto", true, 17));
        assertFalse(VectorMath.simdEnabled("auto", false, 25));
        assertTrue(VectorMath.simdEnabled("true", true, 17));
        assertFalse(VectorMath.simdEnabled("false", true, 25));
        assertThrows(IllegalStateException.class, () -> VectorMath.simdEnabled("true", false, 25));
        assertThrows(IllegalArgumentException.class, () -> VectorMath.simdEnabled("yes", true, 25));
    }

    private interface Product {
        void run(float[] in, int inputs, int fromRow, int toRow, float[] weights, float[] bias, int width,
                int fromCol, int toCol, float[] out);
    }

    private static void check(int[] shape, Product product) {
        int rows = shape[0];
        int inputs = shape[1];
        int width = shape[2];
        SplittableRandom random = new SplittableRandom(rows * 31L + width);
        float[] in = randoms(random, rows * inputs);
        float[] weights = randoms(random, inputs * width);
        float[] bias = randoms(random, width);
        float[] out = new float[rows * width];
        Arrays.fill(out, Float.NaN);
        product.run(in, inputs, shape[3], shape[4], weights, bias, width, shape[5], shape[6], out);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < width; c++) {
                float got = out[r * width + c];
                if (r < shape[3] || r >= shape[4] || c < shape[5] || c >= shape[6]) {
                    assertTrue(Float.isNaN(got), "cell " + r + "," + c + " outside the range was written");
                    continue;
                }
                double expected = bias[c];
                for (int i = 0; i < inputs; i++) {
                    expected += (double) in[r * inputs + i] * weights[i * width + c];
                }
                assertEquals(expected, got, 1e-4 * Math.max(1, Math.abs(expected)), "cell " + r + "," + c);
            }
        }
    }

    private static float[] randoms(SplittableRandom random, int count) {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = (float) random.nextDouble(-1, 1);
        }
        return values;
    }
}
