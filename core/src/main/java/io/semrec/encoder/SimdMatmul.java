package io.semrec.encoder;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link VectorMath#matmul}'s contract with the JDK's Vector API: a register-blocked kernel keeps a
 * tile of outputs in registers while it walks the inputs, so each weight vector it loads feeds four
 * multiply-adds (the scalar loop loads and stores the output row for every one). The tile is 4 rows x 4
 * vectors where vectors are 512 bits (AVX-512 has 32 registers: 16 accumulators fit), else 4 x 2
 * (16 registers); on AVX-512 the wider tile cut a Recformer encode by a sixth. The two tiles are written
 * out separately on purpose: accumulators in an array or a loop would not stay in registers.
 * Loaded only where {@link VectorMath} found the {@code jdk.incubator.vector} module; see
 * docs/decisions/0014-serving-encoders-use-the-vector-api-from-java-25.md.
 */
final class SimdMatmul {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    private static final int ROWS = 4;
    /** Vectors per tile row: 4 where 512-bit vectors come with 32 registers, else 2. */
    private static final int TILE_VECTORS = SPECIES.vectorBitSize() >= 512 ? 4 : 2;

    private SimdMatmul() {
    }

    static void matmul(float[] in, int inputs, int fromRow, int toRow, float[] weights, float[] bias, int width,
            int fromCol, int toCol, float[] out) {
        int blockedRows = fromRow + (toRow - fromRow) / ROWS * ROWS;
        int col = fromCol;
        // Columns outside, rows inside: a tile's weight columns stay in cache while every row block reads them.
        for (; col + TILE_VECTORS * LANES <= toCol; col += TILE_VECTORS * LANES) {
            for (int row = fromRow; row < blockedRows; row += ROWS) {
                if (TILE_VECTORS == 4) {
                    fourRowsFourVectors(in, inputs, row, weights, bias, width, col, out);
                } else {
                    fourRowsTwoVectors(in, inputs, row, weights, bias, width, col, out);
                }
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
    private static void fourRowsTwoVectors(float[] in, int inputs, int row, float[] weights, float[] bias, int width, int col,
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

    /** Rows {@code row..row+3}, columns {@code col..col+4*LANES-1}. */
    private static void fourRowsFourVectors(float[] in, int inputs, int row, float[] weights, float[] bias, int width,
            int col, float[] out) {
        FloatVector bias0 = FloatVector.fromArray(SPECIES, bias, col);
        FloatVector bias1 = FloatVector.fromArray(SPECIES, bias, col + LANES);
        FloatVector bias2 = FloatVector.fromArray(SPECIES, bias, col + 2 * LANES);
        FloatVector bias3 = FloatVector.fromArray(SPECIES, bias, col + 3 * LANES);
        FloatVector a00 = bias0;
        FloatVector a01 = bias1;
        FloatVector a02 = bias2;
        FloatVector a03 = bias3;
        FloatVector a10 = bias0;
        FloatVector a11 = bias1;
        FloatVector a12 = bias2;
        FloatVector a13 = bias3;
        FloatVector a20 = bias0;
        FloatVector a21 = bias1;
        FloatVector a22 = bias2;
        FloatVector a23 = bias3;
        FloatVector a30 = bias0;
        FloatVector a31 = bias1;
        FloatVector a32 = bias2;
        FloatVector a33 = bias3;
        int in0 = row * inputs;
        int in1 = in0 + inputs;
        int in2 = in1 + inputs;
        int in3 = in2 + inputs;
        for (int i = 0; i < inputs; i++) {
            int weightAt = i * width + col;
            FloatVector w0 = FloatVector.fromArray(SPECIES, weights, weightAt);
            FloatVector w1 = FloatVector.fromArray(SPECIES, weights, weightAt + LANES);
            FloatVector w2 = FloatVector.fromArray(SPECIES, weights, weightAt + 2 * LANES);
            FloatVector w3 = FloatVector.fromArray(SPECIES, weights, weightAt + 3 * LANES);
            FloatVector x0 = FloatVector.broadcast(SPECIES, in[in0 + i]);
            a00 = w0.fma(x0, a00);
            a01 = w1.fma(x0, a01);
            a02 = w2.fma(x0, a02);
            a03 = w3.fma(x0, a03);
            FloatVector x1 = FloatVector.broadcast(SPECIES, in[in1 + i]);
            a10 = w0.fma(x1, a10);
            a11 = w1.fma(x1, a11);
            a12 = w2.fma(x1, a12);
            a13 = w3.fma(x1, a13);
            FloatVector x2 = FloatVector.broadcast(SPECIES, in[in2 + i]);
            a20 = w0.fma(x2, a20);
            a21 = w1.fma(x2, a21);
            a22 = w2.fma(x2, a22);
            a23 = w3.fma(x2, a23);
            FloatVector x3 = FloatVector.broadcast(SPECIES, in[in3 + i]);
            a30 = w0.fma(x3, a30);
            a31 = w1.fma(x3, a31);
            a32 = w2.fma(x3, a32);
            a33 = w3.fma(x3, a33);
        }
        int out0 = row * width + col;
        a00.intoArray(out, out0);
        a01.intoArray(out, out0 + LANES);
        a02.intoArray(out, out0 + 2 * LANES);
        a03.intoArray(out, out0 + 3 * LANES);
        int out1 = (row + 1) * width + col;
        a10.intoArray(out, out1);
        a11.intoArray(out, out1 + LANES);
        a12.intoArray(out, out1 + 2 * LANES);
        a13.intoArray(out, out1 + 3 * LANES);
        int out2 = (row + 2) * width + col;
        a20.intoArray(out, out2);
        a21.intoArray(out, out2 + LANES);
        a22.intoArray(out, out2 + 2 * LANES);
        a23.intoArray(out, out2 + 3 * LANES);
        int out3 = (row + 3) * width + col;
        a30.intoArray(out, out3);
        a31.intoArray(out, out3 + LANES);
        a32.intoArray(out, out3 + 2 * LANES);
        a33.intoArray(out, out3 + 3 * LANES);
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
