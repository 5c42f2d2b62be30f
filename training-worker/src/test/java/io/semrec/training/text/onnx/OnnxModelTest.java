package io.semrec.training.text.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class OnnxModelTest {

    @Test
    void readsGraphInputsOutputsNodesAndInitializers() {
        OnnxModel model = new OnnxModelBytes()
                .input("input_ids")
                .input("w")
                .output("y")
                .rawFloats("w", new long[] {2, 3}, 1, 2, 3, 4, 5, 6)
                .listedFloats("b", new long[] {3}, 0.5f, -0.25f, 1e-3f)
                .int64s("position_ids", 4)
                .node("MatMul", new String[] {"input_ids", "w"}, "xw")
                .node("Add", new String[] {"b", "xw"}, "y")
                .parse();

        assertEquals(List.of("input_ids"), model.inputs(), "initializers listed as inputs are not real inputs");
        assertEquals(List.of("y"), model.outputs());
        assertEquals(List.of("MatMul", "Add"), model.nodes().stream().map(OnnxNode::opType).toList());
        assertEquals(List.of("b", "xw"), model.nodes().get(1).inputs());
        assertEquals(List.of("xw"), model.nodes().get(0).outputs());

        OnnxTensor w = model.initializers().get("w");
        assertArrayEquals(new long[] {2, 3}, w.dims());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, w.floats());
        assertArrayEquals(new float[] {0.5f, -0.25f, 1e-3f}, model.initializers().get("b").floats());
        assertEquals(7, model.initializers().get("position_ids").dataType());
        assertThrows(IllegalStateException.class, () -> model.initializers().get("position_ids").floats());
    }

    @Test
    void rejectsTensorWhoseDataDoesNotFitItsShape() {
        OnnxModel model = new OnnxModelBytes().rawFloats("w", new long[] {2, 2}, 1, 2, 3).parse();
        assertThrows(IllegalStateException.class, () -> model.initializers().get("w").floats());
    }

    @Test
    void rejectsModelWithoutGraph() {
        byte[] noGraph = new ProtoWriter().varint(1, 8).toByteArray();
        assertThrows(IllegalArgumentException.class, () -> OnnxModel.parse(ByteBuffer.wrap(noGraph)));
    }
}
