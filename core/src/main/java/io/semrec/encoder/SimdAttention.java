package io.semrec.encoder;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link VectorMath}'s attention kernels on the JDK's Vector API: scores over transposed keys, softmax
 * with a vector {@code exp}, and the weighted sum of value rows with the accumulators held in registers
 * (the scalar loops spent a quarter of an encode on a fortieth of its multiply-adds, mostly in
 * {@code Math.exp} and in re-reading the output row for every key). Loaded only where {@link VectorMath}
 * runs its dense layers on the Vector API.
 */
final class SimdAttention {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();

    private SimdAttention() {
    }

    static void rowTimesColumns(float[] x, int xAt, int depth, float[] columns, int columnsAt, int stride, int count,
            float[] out, int outAt) {
        for (int n = 0; n < count; n += LANES) {
            VectorMask<Float> lanes = SPECIES.indexInRange(n, count);
            FloatVector sum = FloatVector.zero(SPECIES);
            for (int d = 0; d < depth; d++) {
                sum = FloatVector.fromArray(SPECIES, columns, columnsAt + d * stride + n, lanes)
                        .fma(FloatVector.broadcast(SPECIES, x[xAt + d]), sum);
            }
            sum.intoArray(out, outAt + n, lanes);
        }
    }

    static void scaledSoftmax(float[] scores, int count, float scale) {
        FloatVector max = FloatVector.broadcast(SPECIES, Float.NEGATIVE_INFINITY);
        for (int n = 0; n < count; n += LANES) {
            VectorMask<Float> lanes = SPECIES.indexInRange(n, count);
            FloatVector scaled = FloatVector.fromArray(SPECIES, scores, n, lanes).mul(scale);
            max = max.lanewise(VectorOperators.MAX, scaled, lanes);
        }
        float top = max.reduceLanes(VectorOperators.MAX);
        FloatVector sum = FloatVector.zero(SPECIES);
        for (int n = 0; n < count; n += LANES) {
            VectorMask<Float> lanes = SPECIES.indexInRange(n, count);
            FloatVector e = FloatVector.fromArray(SPECIES, scores, n, lanes).mul(scale).sub(top)
                    .lanewise(VectorOperators.EXP);
            e.intoArray(scores, n, lanes);
            sum = sum.add(e, lanes);
        }
        float inverse = 1 / sum.reduceLanes(VectorOperators.ADD);
        for (int n = 0; n < count; n += LANES) {
            VectorMask<Float> lanes = SPECIES.indexInRange(n, count);
            FloatVector.fromArray(SPECIES, scores, n, lanes).mul(inverse).intoArray(scores, n, lanes);
        }
    }

    static void addWeightedRows(float[] weights, int weightsAt, int count, float[] rows, int firstAt, int stride,
            int length, float[] out, int outAt) {
        int k = 0;
        // Two vectors of the output at a time: one head's slice is two vectors wide at 512 bits.
        for (; k + 2 * LANES <= length; k += 2 * LANES) {
            FloatVector sum0 = FloatVector.fromArray(SPECIES, out, outAt + k);
            FloatVector sum1 = FloatVector.fromArray(SPECIES, out, outAt + k + LANES);
            for (int n = 0; n < count; n++) {
                FloatVector w = FloatVector.broadcast(SPECIES, weights[weightsAt + n]);
                int rowAt = firstAt + n * stride + k;
                sum0 = FloatVector.fromArray(SPECIES, rows, rowAt).fma(w, sum0);
                sum1 = FloatVector.fromArray(SPECIES, rows, rowAt + LANES).fma(w, sum1);
            }
            sum0.intoArray(out, outAt + k);
            sum1.intoArray(out, outAt + k + LANES);
        }
        for (; k < length; k += LANES) {
            VectorMask<Float> lanes = SPECIES.indexInRange(k, length);
            FloatVector sum = FloatVector.fromArray(SPECIES, out, outAt + k, lanes);
            for (int n = 0; n < count; n++) {
                sum = FloatVector.fromArray(SPECIES, rows, firstAt + n * stride + k, lanes)
                        .fma(FloatVector.broadcast(SPECIES, weights[weightsAt + n]), sum);
            }
            sum.intoArray(out, outAt + k, lanes);
        }
    }
}
