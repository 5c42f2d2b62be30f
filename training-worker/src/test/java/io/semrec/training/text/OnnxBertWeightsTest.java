package io.semrec.training.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.semrec.training.text.onnx.OnnxModelBytes;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OnnxBertWeightsTest {

    private static final String QUERY_BIAS = "encoder.layer.0.attention.self.query.bias";

    @Test
    void namesGeneratedMatMulWeightAfterItsBiasAndTransposesIt() {
        Map<String, FloatTensor> weights = OnnxBertWeights.read(new OnnxModelBytes()
                .rawFloats("embeddings.LayerNorm.weight", new long[] {2}, 1, 1)
                .rawFloats(QUERY_BIAS, new long[] {3}, 0, 0, 0)
                .rawFloats("onnx::MatMul_787", new long[] {2, 3}, 1, 2, 3, 4, 5, 6)
                .int64s("embeddings.position_ids", 2)
                .node("MatMul", new String[] {"hidden", "onnx::MatMul_787"}, "q0")
                .node("Add", new String[] {QUERY_BIAS, "q0"}, "q")
                .parse());

        assertEquals(Set.of("embeddings.LayerNorm.weight", QUERY_BIAS, "encoder.layer.0.attention.self.query.weight"),
                weights.keySet());
        FloatTensor query = weights.get("encoder.layer.0.attention.self.query.weight");
        assertArrayEquals(new long[] {3, 2}, query.shape(), "[in, out] becomes [out, in]");
        assertArrayEquals(new float[] {1, 4, 2, 5, 3, 6}, query.values());
    }

    @Test
    void failsOnGeneratedInitializerItCannotPlace() {
        OnnxModelBytes model = new OnnxModelBytes()
                .rawFloats("onnx::Mul_5", new long[] {2}, 1, 2)
                .node("Mul", new String[] {"x", "onnx::Mul_5"}, "y");
        assertThrows(IllegalArgumentException.class, () -> OnnxBertWeights.read(model.parse()));
    }

    @Test
    void failsWhenMatMulWidthDiffersFromItsBias() {
        OnnxModelBytes model = new OnnxModelBytes()
                .rawFloats(QUERY_BIAS, new long[] {2}, 0, 0)
                .rawFloats("onnx::MatMul_1", new long[] {2, 3}, 1, 2, 3, 4, 5, 6)
                .node("MatMul", new String[] {"hidden", "onnx::MatMul_1"}, "q0")
                .node("Add", new String[] {QUERY_BIAS, "q0"}, "q");
        assertThrows(IllegalArgumentException.class, () -> OnnxBertWeights.read(model.parse()));
    }
}
