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

    @Test
    void clearingAfterANonFiniteBackwardLetsTheNextStepBeFinite() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Linear linear = linear(manager);
            assertFalse(backward(linear, manager, Float.NaN));
            FiniteGradients.clear(linear);
            assertTrue(backward(linear, manager, 1f));
        }
    }

    @Test
    void theCollectorsOwnResetKeepsTheNaNWhichIsWhyClearExists() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Linear linear = linear(manager);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray y = linear.forward(new ParameterStore(manager, false), new NDList(input(manager)), true).head();
                collector.backward(y.mul(Float.NaN).sum());
                collector.zeroGradients();
            }
            assertFalse(FiniteGradients.of(linear, manager));
        }
    }

    /** Backward of {@code sum(linear(x) * scale)}: the gradient is finite exactly when {@code scale} is. */
    private static boolean gradientsFinite(float scale) {
        try (NDManager manager = NDManager.newBaseManager()) {
            return backward(linear(manager), manager, scale);
        }
    }

    private static boolean backward(Linear linear, NDManager manager, float scale) {
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray y = linear.forward(new ParameterStore(manager, false), new NDList(input(manager)), true).head();
            collector.backward(y.mul(scale).sum());
            return FiniteGradients.of(linear, manager);
        }
    }

    private static Linear linear(NDManager manager) {
        Linear linear = Linear.builder().setUnits(2).build();
        linear.setInitializer((m, shape, type) -> m.ones(shape, type), p -> true);
        linear.initialize(manager, DataType.FLOAT32, new Shape(1, 3));
        return linear;
    }

    private static NDArray input(NDManager manager) {
        return manager.create(new float[] {1, 2, 3}, new Shape(1, 3));
    }
}
