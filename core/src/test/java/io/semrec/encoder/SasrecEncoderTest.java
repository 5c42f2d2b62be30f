package io.semrec.encoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.semrec.artifact.SafeTensors;
import io.semrec.encoder.SasrecWeights.Dense;
import io.semrec.encoder.SasrecWeights.Layer;
import io.semrec.encoder.SasrecWeights.Norm;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SasrecEncoderTest {

    private static final int DIM = 4;
    // Mean 0 and variance 1 already, so a layer norm without gain or shift leaves them unchanged.
    private static final float[] A = {1, -1, 1, -1};
    private static final float[] B = {1, 1, -1, -1};
    private static final float[] C = {-1, 1, 1, -1};

    /**
     * One block whose query and key maps are zero (every allowed position gets the same attention
     * weight), value and output maps are the identity, and whose feed-forward adds nothing; no
     * position signal, input scale 1, layer norm epsilon 0.
     */
    private static SasrecWeights uniformAttention(int maxHistory) {
        Dense zero = new Dense(new float[DIM * DIM], new float[DIM], DIM, DIM);
        float[] identity = new float[DIM * DIM];
        for (int i = 0; i < DIM; i++) {
            identity[i * DIM + i] = 1;
        }
        Dense copy = new Dense(identity, new float[DIM], DIM, DIM);
        Norm plain = new Norm(new float[] {1, 1, 1, 1}, new float[DIM]);
        Layer layer = new Layer(plain, zero, zero, copy, copy, plain, zero, zero);
        return new SasrecWeights(DIM, 1, maxHistory, 1f, 0f, new float[maxHistory * DIM], List.of(layer), plain);
    }

    @Test
    void lastPositionAttendsEquallyToItselfAndEverythingBefore() {
        SasrecEncoder encoder = new SasrecEncoder(uniformAttention(3));

        // x = B + mean(A, B) = [2, 1, -1, -2]: mean 0, variance 2.5, so the final norm divides by sqrt(2.5).
        float s = (float) Math.sqrt(2.5);
        assertArrayEquals(new float[] {2 / s, 1 / s, -1 / s, -2 / s}, encoder.encode(List.of(A, B)), 1e-6f);
        // One item attends only to itself: x = 2B, normalised back to B.
        assertArrayEquals(B, encoder.encode(List.of(B)), 1e-6f);
    }

    @Test
    void readsOnlyTheMostRecentMaxHistoryItems() {
        SasrecEncoder encoder = new SasrecEncoder(uniformAttention(2));

        assertArrayEquals(encoder.encode(List.of(A, B)), encoder.encode(List.of(C, A, B)), 0f);
    }

    @Test
    void positionsAreCountedFromTheNewestItem() {
        SasrecWeights plain = uniformAttention(3);
        float[] positions = new float[3 * DIM];
        // Only the last position (the newest item's) carries a signal.
        System.arraycopy(new float[] {0, 0, 0, 8}, 0, positions, 2 * DIM, DIM);
        SasrecEncoder encoder = new SasrecEncoder(new SasrecWeights(DIM, 1, 3, 1f, 0f, positions,
                plain.layers(), plain.finalNorm()));

        // Whatever the history length, the newest item (A) gets the signal: its last feature becomes the largest.
        for (List<float[]> history : List.of(List.of(A), List.of(B, A), List.of(C, B, A))) {
            float[] query = encoder.encode(history);
            assertEquals(3, argMax(query), Arrays.toString(query));
        }
    }

    @Test
    void rejectsEmptyHistoriesAndWrongWidths() {
        SasrecEncoder encoder = new SasrecEncoder(uniformAttention(3));

        assertThrows(IllegalArgumentException.class, () -> encoder.encode(List.of()));
        assertThrows(IllegalArgumentException.class, () -> encoder.encode(List.of(A, new float[] {1, 2})));
    }

    @Test
    void safeTensorsRoundTripKeepsEveryNumber() throws IOException {
        SasrecWeights original = randomWeights(new SplittableRandom(5), 8, 2, 2, 5);

        SasrecWeights read = SasrecWeights.fromSafeTensors(SafeTensors.read(original.toSafeTensors().toBytes()));

        SplittableRandom random = new SplittableRandom(9);
        List<float[]> history = List.of(randomVector(random, 8), randomVector(random, 8), randomVector(random, 8));
        assertArrayEquals(new SasrecEncoder(original).encode(history), new SasrecEncoder(read).encode(history), 0f);
        assertEquals(original.toSafeTensors().tensors().keySet(), read.toSafeTensors().tensors().keySet());
    }

    @Test
    void refusesFilesThatAreNotSasrecEncoders() {
        SafeTensors other = new SafeTensors(Map.of(), Map.of(SasrecWeights.FORMAT_KEY, "something-else"));

        assertThrows(IOException.class, () -> SasrecWeights.fromSafeTensors(other));
    }

    static SasrecWeights randomWeights(SplittableRandom random, int dim, int heads, int layers, int maxHistory) {
        List<Layer> blocks = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            blocks.add(new Layer(randomNorm(random, dim), randomDense(random, dim), randomDense(random, dim),
                    randomDense(random, dim), randomDense(random, dim), randomNorm(random, dim),
                    randomDense(random, dim), randomDense(random, dim)));
        }
        return new SasrecWeights(dim, heads, maxHistory, (float) Math.sqrt(dim), 1e-5f,
                randomVector(random, maxHistory * dim), blocks, randomNorm(random, dim));
    }

    private static Norm randomNorm(SplittableRandom random, int dim) {
        return new Norm(randomVector(random, dim), randomVector(random, dim));
    }

    private static Dense randomDense(SplittableRandom random, int dim) {
        return new Dense(randomVector(random, dim * dim), randomVector(random, dim), dim, dim);
    }

    static float[] randomVector(SplittableRandom random, int length) {
        float[] values = new float[length];
        for (int i = 0; i < length; i++) {
            values[i] = (float) random.nextGaussian() * 0.3f;
        }
        return values;
    }

    private static int argMax(float[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }
}
