package io.semrec.encoder;

import java.util.Arrays;

/**
 * Plain-Java kernels the serving encoders share, written so HotSpot vectorises their inner loops:
 * dense layers as sums of scaled weight rows, attention's scores, softmax and weighted sums, layer norm,
 * dot products. Dense layers and attention run on the Vector API ({@link SimdMatmul}, {@link SimdAttention})
 * where the JVM has it ({@code --add-modules jdk.incubator.vector}) and makes it fast; see {@link #simdEnabled}.
 */
public final class VectorMath {

    /** System property choosing the matrix product: {@code auto} (default), {@code true} or {@code false}. */
    static final String SIMD_PROPERTY = "semrec.encoder.simd";
    private static final String VECTOR_MODULE = "jdk.incubator.vector";
    /** The first Java release whose Vector API ran faster than the scalar loop here (decision 0014). */
    private static final int SIMD_MIN_FEATURE = 25;
    private static final boolean SIMD = simdEnabled(System.getProperty(SIMD_PROPERTY, "auto"),
            ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent(), Runtime.version().feature());

    /**
     * {@code out[r][c] = bias[c] + sum_i in[r][i] * weights[i][c]} for rows {@code fromRow..toRow-1}
     * and columns {@code fromCol..toCol-1}; weights are stored transposed, {@code [inputs][width]}
     * row-major, and {@code out} rows are {@code width} wide like them (rows keep their index).
     */
    static void matmul(float[] in, int inputs, int fromRow, int toRow, float[] weights, float[] bias, int width,
            int fromCol, int toCol, float[] out) {
        if (SIMD) {
            SimdMatmul.matmul(in, inputs, fromRow, toRow, weights, bias, width, fromCol, toCol, out);
        } else {
            scalarMatmul(in, inputs, fromRow, toRow, weights, bias, width, fromCol, toCol, out);
        }
    }

    private VectorMath() {
    }

    /**
     * {@code out[outAt + n] = sum_d x[xAt + d] * columns[columnsAt + d * stride + n]} for {@code n < count}:
     * a query's scores against keys stored transposed, {@code [feature][token]}.
     */
    static void rowTimesColumns(float[] x, int xAt, int depth, float[] columns, int columnsAt, int stride, int count,
            float[] out, int outAt) {
        if (SIMD) {
            SimdAttention.rowTimesColumns(x, xAt, depth, columns, columnsAt, stride, count, out, outAt);
        } else {
            scalarRowTimesColumns(x, xAt, depth, columns, columnsAt, stride, count, out, outAt);
        }
    }

    static void scalarRowTimesColumns(float[] x, int xAt, int depth, float[] columns, int columnsAt, int stride,
            int count, float[] out, int outAt) {
        Arrays.fill(out, outAt, outAt + count, 0f);
        for (int d = 0; d < depth; d++) {
            float value = x[xAt + d];
            int columnAt = columnsAt + d * stride;
            for (int n = 0; n < count; n++) {
                out[outAt + n] += value * columns[columnAt + n];
            }
        }
    }

    /** In place, {@code scores[0..count)} scaled, then their softmax (the largest subtracted first). */
    static void scaledSoftmax(float[] scores, int count, float scale) {
        if (SIMD) {
            SimdAttention.scaledSoftmax(scores, count, scale);
        } else {
            scalarScaledSoftmax(scores, count, scale);
        }
    }

    static void scalarScaledSoftmax(float[] scores, int count, float scale) {
        float max = Float.NEGATIVE_INFINITY;
        for (int n = 0; n < count; n++) {
            scores[n] *= scale;
            max = Math.max(max, scores[n]);
        }
        float sum = 0;
        for (int n = 0; n < count; n++) {
            scores[n] = (float) Math.exp(scores[n] - max);
            sum += scores[n];
        }
        for (int n = 0; n < count; n++) {
            scores[n] /= sum;
        }
    }

    /**
     * {@code out[outAt + k] += sum_n weights[weightsAt + n] * rows[firstAt + n * stride + k]} for
     * {@code n < count}, {@code k < length}: attention's weighted sum of value rows.
     */
    static void addWeightedRows(float[] weights, int weightsAt, int count, float[] rows, int firstAt, int stride,
            int length, float[] out, int outAt) {
        if (SIMD) {
            SimdAttention.addWeightedRows(weights, weightsAt, count, rows, firstAt, stride, length, out, outAt);
        } else {
            scalarAddWeightedRows(weights, weightsAt, count, rows, firstAt, stride, length, out, outAt);
        }
    }

    static void scalarAddWeightedRows(float[] weights, int weightsAt, int count, float[] rows, int firstAt,
            int stride, int length, float[] out, int outAt) {
        for (int n = 0; n < count; n++) {
            float weight = weights[weightsAt + n];
            int rowAt = firstAt + n * stride;
            for (int k = 0; k < length; k++) {
                out[outAt + k] += weight * rows[rowAt + k];
            }
        }
    }

    /** Whether the serving encoders' dense layers and attention run on the Vector API (for benchmarks and logs). */
    public static boolean simd() {
        return SIMD;
    }

    /**
     * @param setting {@code auto}: the Vector API where its module is loaded on a Java release where it was
     *     measured faster; {@code true}: wherever its module is loaded; {@code false}: never
     * @throws IllegalStateException if {@code true} but the module is not loaded
     */
    static boolean simdEnabled(String setting, boolean modulePresent, int javaFeature) {
        return switch (setting) {
            case "auto" -> modulePresent && javaFeature >= SIMD_MIN_FEATURE;
            case "false" -> false;
            case "true" -> {
                if (!modulePresent) {
                    throw new IllegalStateException(SIMD_PROPERTY + "=true needs the JVM option --add-modules "
                            + VECTOR_MODULE);
                }
                yield true;
            }
            default -> throw new IllegalArgumentException(SIMD_PROPERTY + " is auto, true or false, not '" + setting
                    + "'");
        };
    }

    /** {@link #matmul} without the Vector API. */
    static void scalarMatmul(float[] in, int inputs, int fromRow, int toRow, float[] weights, float[] bias,
            int width, int fromCol, int toCol, float[] out) {
        for (int row = fromRow; row < toRow; row++) {
            int inAt = row * inputs;
            int outAt = row * width;
            System.arraycopy(bias, fromCol, out, outAt + fromCol, toCol - fromCol);
            for (int i = 0; i < inputs; i++) {
                float x = in[inAt + i];
                int weightAt = i * width;
                // Row-times-matrix as a sum of scaled weight rows: this loop vectorises, a dot product would not.
                // Long rows beat column tiles here (measured: tiles of 128 ran at half the speed).
                for (int c = fromCol; c < toCol; c++) {
                    out[outAt + c] += x * weights[weightAt + c];
                }
            }
        }
    }

    /** Layer norm of {@code in[inAt..inAt+width)} into {@code out[outAt..)}: (x - mean) / sqrt(var + eps) * gain + shift. */
    static void layerNorm(float[] in, int inAt, float[] out, int outAt, int width, float[] gain, float[] shift,
            float epsilon) {
        double sum = 0;
        for (int i = 0; i < width; i++) {
            sum += in[inAt + i];
        }
        double mean = sum / width;
        double squares = 0;
        for (int i = 0; i < width; i++) {
            double centred = in[inAt + i] - mean;
            squares += centred * centred;
        }
        double inverseStd = 1.0 / Math.sqrt(squares / width + epsilon);
        for (int i = 0; i < width; i++) {
            out[outAt + i] = (float) ((in[inAt + i] - mean) * inverseStd) * gain[i] + shift[i];
        }
    }

    /** Four independent sums, so the JIT can overlap the multiply-adds. */
    static float dot(float[] a, int aAt, float[] b, int bAt, int length) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int i = 0;
        for (; i + 3 < length; i += 4) {
            s0 += a[aAt + i] * b[bAt + i];
            s1 += a[aAt + i + 1] * b[bAt + i + 1];
            s2 += a[aAt + i + 2] * b[bAt + i + 2];
            s3 += a[aAt + i + 3] * b[bAt + i + 3];
        }
        for (; i < length; i++) {
            s0 += a[aAt + i] * b[bAt + i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** {@code [out][in]} row-major to {@code [in][out]} row-major. */
    static float[] transpose(float[] matrix, int rows, int cols) {
        float[] out = new float[matrix.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[c * rows + r] = matrix[r * cols + c];
            }
        }
        return out;
    }
}
