package io.semrec.training.nn;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

class FiniteGradientsTest {

    @Test
    void aNonFiniteGradientAnywhereIsCaught() {
        assertTrue(gradientsFinite(1f));
        assertFalse(gradientsFinite(Float.NaN));
        assertFalse(gradientsFinite(Float.POSITIVE_INFINITY));
    }

    /** Backward of {@code sum(linear(x) * scale)}: the gradient is finite exactly when {@code scale} is. */
    private static boolean gradientsFinite(float scale) {
        try (NDManager manager = NDManager.newBaseManager()) {
            Linear linear = Linear.builder().setUnits(2).build();
            linear.setInitializer((m, shape, type) -> m.ones(shape, type), p -> true);
            linear.initialize(manager, DataType.FLOAT32, new Shape(1, 3));
            NDArray x = manager.create(new float[] {1, 2, 3}, new Shape(1, 3));
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray y = linear.forward(new ParameterStore(manager, false), new NDList(x), true).head();
                collector.backward(y.mul(scale).sum());
                return FiniteGradients.of(linear, manager);
            }
        }
    }
}
