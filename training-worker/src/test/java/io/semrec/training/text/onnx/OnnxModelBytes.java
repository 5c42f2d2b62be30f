package io.semrec.training.text.onnx;

import java.nio.ByteBuffer;

/** Builds a small ONNX ModelProto byte by byte, with the field numbers of onnx.proto. */
public final class OnnxModelBytes {

    private final ProtoWriter graph = new ProtoWriter().string(2, "test-graph");

    public OnnxModelBytes input(String name) {
        graph.message(11, new ProtoWriter().string(1, name));
        return this;
    }

    public OnnxModelBytes output(String name) {
        graph.message(12, new ProtoWriter().string(1, name));
        return this;
    }

    public OnnxModelBytes node(String opType, String[] inputs, String... outputs) {
        ProtoWriter node = new ProtoWriter();
        for (String input : inputs) {
            node.string(1, input);
        }
        for (String output : outputs) {
            node.string(2, output);
        }
        graph.message(1, node.string(3, "/" + opType + "_" + outputs[0]).string(4, opType));
        return this;
    }

    /** A FLOAT initializer with packed dims and its values in raw_data, as torch.onnx writes them. */
    public OnnxModelBytes rawFloats(String name, long[] dims, float... values) {
        graph.message(5, new ProtoWriter()
                .packedVarints(1, dims)
                .varint(2, OnnxTensor.FLOAT)
                .string(8, name)
                .bytes(9, ProtoWriter.littleEndianFloats(values)));
        return this;
    }

    /** A FLOAT initializer with unpacked dims and one float_data key per value. */
    public OnnxModelBytes listedFloats(String name, long[] dims, float... values) {
        ProtoWriter tensor = new ProtoWriter();
        for (long dim : dims) {
            tensor.varint(1, dim);
        }
        tensor.varint(2, OnnxTensor.FLOAT);
        for (float value : values) {
            tensor.fixed32Float(4, value);
        }
        graph.message(5, tensor.string(8, name));
        return this;
    }

    public OnnxModelBytes int64s(String name, long count) {
        graph.message(5, new ProtoWriter().packedVarints(1, 1, count).varint(2, 7).string(8, name)
                .bytes(9, new byte[(int) count * 8]));
        return this;
    }

    public ByteBuffer toBuffer() {
        byte[] model = new ProtoWriter()
                .varint(1, 8)
                .string(2, "semrec-test")
                .message(7, graph)
                .message(8, new ProtoWriter().varint(2, 17))
                .toByteArray();
        return ByteBuffer.wrap(model);
    }

    public OnnxModel parse() {
        return OnnxModel.parse(toBuffer());
    }
}
