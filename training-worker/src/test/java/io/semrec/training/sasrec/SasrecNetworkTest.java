package io.semrec.training.sasrec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SasrecNetworkTest {

    private static SasrecModel model;

    @BeforeAll
    static void create() {
        SasrecParams params = new SasrecParams(8, 2, 2, 0, 4, 1e-3, 1, 1, 6, SasrecLoss.CE, 1, false, 1);
        model = SasrecModel.create(30, params, SasrecTrainer.defaultDevice());
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void aPositionsHiddenStateIgnoresLaterItems() {
        // Causality: what the model says after items (3, 7) must not depend on what the user did next.
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray tokens = manager.create(new long[] {4, 8, 2, 3, 4, 8, 10, 10}, new Shape(2, 4));
            NDArray hidden = model.network().forward(new ParameterStore(manager, false), new NDList(tokens), false)
                    .head();

            NDArray first = hidden.get("0, :2, :");
            NDArray second = hidden.get("1, :2, :");
            assertArrayEquals(first.toFloatArray(), second.toFloatArray(), 1e-6f);
            assertFalse(Arrays.equals(hidden.get("0, 3, :").toFloatArray(), hidden.get("1, 3, :").toFloatArray()),
                    "different continuations should encode differently");
        }
    }

    @Test
    void paddingDoesNotChangeAHistorysQuery() {
        float[] alone = model.queries(new int[][] {{4, 5}})[0];
        // In a batch with a longer history, {4, 5} is left-padded to six positions.
        float[] padded = model.queries(new int[][] {{4, 5}, {1, 2, 3, 4, 5, 6}})[0];

        assertArrayEquals(alone, padded, 1e-6f);
    }
}
