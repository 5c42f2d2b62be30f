package io.semrec.encoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class VectorMathTest {

    /** Shapes around the kernels' edges: 4-row blocks, 2-vector and 1-vector column tiles, scalar tails. */
    private static final int[][] SHAPES = {
        // rows, inputs, width, fromRow, toRow, fromCol, toCol
        {1, 1, 1, 0, 1, 0, 1},
        {9, 7, 70, 0, 9, 0, 70},
        {9, 7, 70, 2, 9, 5, 69},
        {8, 384, 1920, 0, 8, 1152, 1920},
        {5, 33, 48, 1, 5, 0, 48},
        {13, 16, 100, 3, 12, 17, 83},
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
        java.util.Arrays.fill(out, Float.NaN);
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
