package io.semrec.training.text.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/** A named constant of an ONNX graph (TensorProto), its data still in the file's bytes. */
public final class OnnxTensor {

    /** TensorProto.DataType.FLOAT: the only element type weights are read as. */
    public static final int FLOAT = 1;

    private final String name;
    private final long[] dims;
    private final int dataType;
    private final ByteBuffer littleEndianData;

    OnnxTensor(String name, long[] dims, int dataType, ByteBuffer littleEndianData) {
        this.name = name;
        this.dims = dims;
        this.dataType = dataType;
        this.littleEndianData = littleEndianData;
    }

    public String name() {
        return name;
    }

    public long[] dims() {
        return dims.clone();
    }

    public int dataType() {
        return dataType;
    }

    public long elementCount() {
        return Arrays.stream(dims).reduce(1, Math::multiplyExact);
    }

    /** The values in row-major order; only for FLOAT tensors. */
    public float[] floats() {
        if (dataType != FLOAT) {
            throw new IllegalStateException("tensor " + name + " has ONNX data type " + dataType + ", not FLOAT");
        }
        int count = Math.toIntExact(elementCount());
        if (littleEndianData.remaining() != count * Float.BYTES) {
            throw new IllegalStateException("tensor " + name + " holds " + littleEndianData.remaining()
                    + " bytes for " + count + " floats");
        }
        float[] values = new float[count];
        littleEndianData.duplicate().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        return values;
    }
}
