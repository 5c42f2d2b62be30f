package io.semrec.training.sasrec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

class FeatureNormTest {

    @Test
    void normalisesEachPositionOverItsFeaturesOnly() {
        try (NDManager manager = NDManager.newBaseManager()) {
            LayerNorm norm = SasrecLayer.featureNorm();
            norm.initialize(manager, DataType.FLOAT32, new Shape(1, 2, 3));
            NDArray x = manager.create(new float[] {1, 2, 3, 10, 20, 60}, new Shape(1, 2, 3));

            NDArray y = norm.forward(new ParameterStore(manager, false), new NDList(x), false).head();

            // Row (1, 2, 3): mean 2, variance 2/3. Row (10, 20, 60): mean 30, variance 1400/3.
            // Normalising over both positions at once (the default axes) would mix the rows and leak the future.
            double s1 = Math.sqrt(2.0 / 3 + SasrecNetwork.LAYER_NORM_EPSILON);
            double s2 = Math.sqrt(1400.0 / 3 + SasrecNetwork.LAYER_NORM_EPSILON);
            assertArrayEquals(new float[] {
                (float) (-1 / s1), 0, (float) (1 / s1),
                (float) (-20 / s2), (float) (-10 / s2), (float) (30 / s2),
            }, y.toFloatArray(), 1e-5f);
        }
    }
}
