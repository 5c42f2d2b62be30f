package io.semrec.training.sasrec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class AttentionMaskTest {

    private static final float X = AttentionMask.BLOCKED;

    @Test
    void blocksTheFutureAndPadding() {
        try (NDManager manager = NDManager.newBaseManager()) {
            // One left-padded row: padding, item 4, item 6.
            NDArray mask = AttentionMask.of(manager.create(new long[] {0, 5, 7}, new Shape(1, 3)));

            assertEquals(new Shape(1, 1, 3, 3), mask.getShape());
            assertArrayEquals(new float[] {
                X, X, X, // padding sees nothing it may use
                X, 0, X, // item 4 sees itself, not the padding before it nor item 6 after it
                X, 0, 0, // item 6 sees item 4 and itself
            }, mask.toFloatArray(), 0f);
        }
    }

    @Test
    void rowsOfABatchGetTheirOwnPadding() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray mask = AttentionMask.of(manager.create(new long[] {0, 3, 1, 2}, new Shape(2, 2)));

            assertArrayEquals(new float[] {X, X, X, 0, 0, X, 0, 0}, mask.toFloatArray(), 0f);
        }
    }
}
