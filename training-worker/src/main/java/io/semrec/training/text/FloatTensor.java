package io.semrec.training.text;

import java.util.Arrays;

/** A dense float32 array in row-major order with its shape: one named weight of a checkpoint. */
public record FloatTensor(long[] shape, float[] values) {

    public FloatTensor {
        long count = Arrays.stream(shape).reduce(1, Math::multiplyExact);
        if (count != values.length) {
            throw new IllegalArgumentException(
                    "shape " + Arrays.toString(shape) + " needs " + count + " values, got " + values.length);
        }
    }

    /** The transpose of a matrix: (rows, cols) -> (cols, rows). */
    public FloatTensor transposed() {
        if (shape.length != 2) {
            throw new IllegalStateException("only a matrix can be transposed, shape is " + Arrays.toString(shape));
        }
        int rows = (int) shape[0];
        int cols = (int) shape[1];
        float[] out = new float[values.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[c * rows + r] = values[r * cols + c];
            }
        }
        return new FloatTensor(new long[] {cols, rows}, out);
    }

    @Override
    public String toString() {
        return "FloatTensor" + Arrays.toString(shape);
    }
}
