package io.semrec.encoder;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link VectorMath#matmul}'s contract with the JDK's Vector API: a register-blocked kernel keeps a
 * 4-row x 2-vector tile of outputs in registers while it walks the inputs, so each weight vector it
 * loads feeds four multiply-adds (the scalar loop loads and stores the output row for every one).
 * Loaded only where {@link VectorMath} found the {@code jdk.incubator.vector} module; see
 * docs/decisions/0014-serving-encoders-use-the-vector-api-from-java-25.md.
 */
final class SimdMatmul {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    private static final int ROWS = 4;

    private SimdMatmul() {
    }

    static void matmul(float[] in, int inputs, int fromRow, int toRow, float[] weights, float[] bias, int width,
            int fromCol, int toCol, float[] out) {
        int blockedRows = fromRow + (toRow - fromRow) / ROWS * ROWS;
        int col = fromCol;
        // Columns outside, rows inside: a tile's weight columns stay in cache while every row block reads them.
        for (; col + 2 * LANES <= toCol; col += 2 * LANES) {
            for (int row = fromRow; row < blockedRows; row += ROWS) {
                fourRows(in, inputs, row, weights, bias, width, col, out);
            }
        }
        for (int row = fromRow; row < blockedRows; row++) {
            oneRow(in, inputs, row, weights, bias, width, col, toCol, out);
        }
        for (int row = blockedRows; row < toRow; row++) {
            oneRow(in, inputs, row, weights, bias, width, fromCol, toCol, out);
        }
    }

    /** Rows {@code row..row+3}, columns {@code col..col+2*LANES-1}. */
    private static void fourRows(float[] in, int inputs, int row, float[] weights, float[] bias, int width, int col,
            float[] out) {
        FloatVector bias0 = FloatVector.fromArray(SPECIES, bias, col);
        FloatVector bias1 = FloatVector.fromArray(SPECIES, bias, col + LANES);
        FloatVector a00 = bias0;
        FloatVector a01 = bias1;
        FloatVector a10 = bias0;
        FloatVector a11 = bias1;
        FloatVector a20 = bias0;
        FloatVector a21 = bias1;
        FloatVector a30 = bias0;
        FloatVector a31 = bias1;
        int in0 = row * inputs;
        int in1 = in0 + inputs;
        int in2 = in1 + inputs;
        int in3 = in2 + inputs;
        for (int i = 0; i < inputs; i++) {
            int weightAt = i * width + col;
            FloatVector w0 = FloatVector.fromArray(SPECIES, weights, weightAt);
            FloatVector w1 = FloatVector.fromArray(SPECIES, weights, weightAt + LANES);
            FloatVector x0 = FloatVector.broadcast(SPECIES, in[in0 + i]);
            FloatVector x1 = FloatVector.broadcast(SPECIES, in[in1 + i]);
            FloatVector x2 = FloatVector.broadcast(SPECIES, in[in2 + i]);
            FloatVector x3 = FloatVector.broadcast(SPECIES, in[in3 + i]);
            a00 = w0.fma(x0, a00);
            a01 = w1.fma(x0, a01);
            a10 = w0.fma(x1, a10);
            a11 = w1.fma(x1, a11);
            a20 = w0.fma(x2, a20);
            a21 = w1.fma(x2, a21);
            a30 = w0.fma(x3, a30);
            a31 = w1.fma(x3, a31);
        }
        int out0 = row * width + col;
        a00.intoArray(out, out0);
        a01.intoArray(out, out0 + LANES);
        a10.intoArray(out, out0 + width);
        a11.intoArray(out, out0 + width + LANES);
        a20.intoArray(out, out0 + 2 * width);
        a21.intoArray(out, out0 + 2 * width + LANES);
        a30.intoArray(out, out0 + 3 * width);
        a31.intoArray(out, out0 + 3 * width + LANES);
    }

    /** One row, columns {@code fromCol..toCol-1}: a vector at a time, the last few scalar. */
    private static void oneRow(float[] in, int inputs, int row, float[] weights, float[] bias, int width,
            int fromCol, int toCol, float[] out) {
        int inAt = row * inputs;
        int col = fromCol;
        for (; col + LANES <= toCol; col += LANES) {
            FloatVector sum = FloatVector.fromArray(SPECIES, bias, col);
            for (int i = 0; i < inputs; i++) {
                sum = FloatVector.fromArray(SPECIES, weights, i * width + col)
                        .fma(FloatVector.broadcast(SPECIES, in[inAt + i]), sum);
            }
            sum.intoArray(out, row * width + col);
        }
        for (; col < toCol; col++) {
            float sum = bias[col];
            for (int i = 0; i < inputs; i++) {
                sum = Math.fma(in[inAt + i], weights[i * width + col], sum);
            }
            out[row * width + col] = sum;
        }
    }
}
