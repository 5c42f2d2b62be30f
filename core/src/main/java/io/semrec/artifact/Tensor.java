package io.semrec.artifact;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A named array's type, shape and raw little-endian bytes, as stored in a safetensors file.
 *
 * @param data exactly {@code elementCount() * dtype.size} bytes, little-endian, row-major
 */
public record Tensor(TensorDType dtype, long[] shape, byte[] data) {

    public Tensor {
        shape = shape.clone();
        long count = 1;
        for (long dimension : shape) {
            if (dimension < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            count = Math.multiplyExact(count, dimension);
        }
        if (Math.multiplyExact(count, dtype.size) != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " of " + dtype + " needs "
                    + count * dtype.size + " bytes, got " + data.length);
        }
    }

    public static Tensor f32(long[] shape, float[] values) {
        ByteBuffer buffer = little(values.length * Float.BYTES);
        buffer.asFloatBuffer().put(values);
        return new Tensor(TensorDType.F32, shape, buffer.array());
    }

    /** A row-major F32 matrix of {@code rows.length x rows[0].length}. */
    public static Tensor f32(float[][] rows) {
        int width = rows.length == 0 ? 0 : rows[0].length;
        float[] flat = new float[rows.length * width];
        for (int r = 0; r < rows.length; r++) {
            if (rows[r].length != width) {
                throw new IllegalArgumentException("rows differ in width");
            }
            System.arraycopy(rows[r], 0, flat, r * width, width);
        }
        return f32(new long[] {rows.length, width}, flat);
    }

    public static Tensor i32(long[] shape, int[] values) {
        ByteBuffer buffer = little(values.length * Integer.BYTES);
        buffer.asIntBuffer().put(values);
        return new Tensor(TensorDType.I32, shape, buffer.array());
    }

    public static Tensor i64(long[] shape, long[] values) {
        ByteBuffer buffer = little(values.length * Long.BYTES);
        buffer.asLongBuffer().put(values);
        return new Tensor(TensorDType.I64, shape, buffer.array());
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    public long elementCount() {
        return data.length / dtype.size;
    }

    /** The values as floats, widening F16 and BF16 (BF16 must be widened before the native layer sees it). */
    public float[] toFloats() {
        ByteBuffer buffer = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        float[] values = new float[Math.toIntExact(elementCount())];
        switch (dtype) {
            case F32 -> buffer.asFloatBuffer().get(values);
            case BF16 -> {
                for (int i = 0; i < values.length; i++) {
                    values[i] = Float.intBitsToFloat((buffer.getShort() & 0xffff) << 16);
                }
            }
            case F16 -> {
                for (int i = 0; i < values.length; i++) {
                    values[i] = halfToFloat(buffer.getShort());
                }
            }
            default -> throw new IllegalStateException(dtype + " is not a floating-point type");
        }
        return values;
    }

    /** The values as longs, widening I32. */
    public long[] toLongs() {
        ByteBuffer buffer = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        long[] values = new long[Math.toIntExact(elementCount())];
        switch (dtype) {
            case I64 -> buffer.asLongBuffer().get(values);
            case I32 -> {
                for (int i = 0; i < values.length; i++) {
                    values[i] = buffer.getInt();
                }
            }
            default -> throw new IllegalStateException(dtype + " is not an integer type");
        }
        return values;
    }

    /** IEEE 754 binary16 to binary32, exact (subnormals, infinities and NaN included). */
    static float halfToFloat(short half) {
        int bits = half & 0xffff;
        int sign = (bits & 0x8000) << 16;
        int exponent = (bits >>> 10) & 0x1f;
        int mantissa = bits & 0x3ff;
        if (exponent == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
        }
        if (exponent == 0) {
            // Subnormal (or zero): mantissa * 2^-24.
            float magnitude = mantissa * 0x1p-24f;
            return sign == 0 ? magnitude : -magnitude;
        }
        return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
    }

    private static ByteBuffer little(int bytes) {
        return ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Tensor that && dtype == that.dtype && Arrays.equals(shape, that.shape)
                && Arrays.equals(data, that.data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * dtype.hashCode() + Arrays.hashCode(shape)) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Tensor[" + dtype + " " + Arrays.toString(shape) + "]";
    }
}
