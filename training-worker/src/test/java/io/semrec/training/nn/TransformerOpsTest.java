package io.semrec.training.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

class TransformerOpsTest {

    private static final float X = TransformerOps.MASKED_SCORE;

    @Test
    void causalBiasBlocksLaterPositionsAndPadding() {
        try (NDManager manager = NDManager.newBaseManager()) {
            // One left-padded row: padding, then two real tokens.
            NDArray keep = manager.create(new long[] {0, 1, 1}, new Shape(1, 3));

            NDArray bias = TransformerOps.attentionBias(keep, true, DataType.FLOAT32);

            assertEquals(new Shape(1, 1, 3, 3), bias.getShape());
            assertArrayEquals(new float[] {
                X, X, X, // the padding position may use nothing
                X, 0, X, // the first token sees itself, neither the padding nor the token after it
                X, 0, 0, // the second token sees the first and itself
            }, bias.toFloatArray(), 0f);
        }
    }

    @Test
    void bidirectionalBiasBlocksOnlyPaddingPerRow() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray keep = manager.create(new boolean[] {true, false, true, true}, new Shape(2, 2));

            NDArray bias = TransformerOps.attentionBias(keep, false, DataType.FLOAT32);

            assertEquals(new Shape(2, 1, 1, 2), bias.getShape());
            assertArrayEquals(new float[] {0, X, 0, 0}, bias.toFloatArray(), 0f);
        }
    }

    @Test
    void attentionAveragesValuesByHand() {
        try (NDManager manager = NDManager.newBaseManager()) {
            // One head of width 2. Query (1, 0) against keys (2, 0) and (0, 0): scores 2/sqrt(2) and 0.
            NDArray queries = manager.create(new float[] {1, 0, 1, 0}, new Shape(1, 2, 2));
            NDArray keys = manager.create(new float[] {2, 0, 0, 0}, new Shape(1, 2, 2));
            NDArray values = manager.create(new float[] {10, 0, 0, 10}, new Shape(1, 2, 2));
            NDArray bias = TransformerOps.attentionBias(manager.ones(new Shape(1, 2)), true, DataType.FLOAT32);

            NDArray mixed = TransformerOps.multiHeadAttention(queries, keys, values, bias, 1, 0f, false);

            // Position 0 sees only itself; position 1 weighs e^sqrt(2) : e^0.
            double w = Math.exp(Math.sqrt(2)) / (Math.exp(Math.sqrt(2)) + 1);
            assertArrayEquals(new float[] {10, 0, (float) (10 * w), (float) (10 * (1 - w))},
                    mixed.toFloatArray(), 1e-5f);
        }
    }

    @Test
    void featureNormNormalisesEachPositionOnItsOwn() {
        try (NDManager manager = NDManager.newBaseManager()) {
            float epsilon = 1e-5f;
            LayerNorm norm = TransformerOps.featureNorm(epsilon);
            norm.initialize(manager, DataType.FLOAT32, new Shape(1, 2, 3));
            NDArray x = manager.create(new float[] {1, 2, 3, 10, 20, 60}, new Shape(1, 2, 3));

            NDArray y = norm.forward(new ParameterStore(manager, false), new NDList(x), false).head();

            // Row (1, 2, 3): mean 2, variance 2/3. Row (10, 20, 60): mean 30, variance 1400/3.
            // Normalising over both positions at once (DJL's default axes) would mix the rows.
            double s1 = Math.sqrt(2.0 / 3 + epsilon);
            double s2 = Math.sqrt(1400.0 / 3 + epsilon);
            assertArrayEquals(new float[] {
                (float) (-1 / s1), 0, (float) (1 / s1),
                (float) (-20 / s2), (float) (-10 / s2), (float) (30 / s2),
            }, y.toFloatArray(), 1e-5f);
        }
    }
}
