package io.semrec.encoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class RecencyWeightedMeanEncoderTest {

    @Test
    void mostRecentItemWeighsMost() {
        // Weights oldest first: 0.49, 0.7, 1 over a total of 2.19.
        SequenceEncoder encoder = new RecencyWeightedMeanEncoder(0.7);
        float[] query = encoder.encode(List.of(new float[] {1, 0}, new float[] {0, 1}, new float[] {1, 1}));
        assertArrayEquals(new float[] {(float) (1.49 / 2.19), (float) (1.7 / 2.19)}, query, 1e-6f);
    }

    @Test
    void weightsSumToOneOldestFirst() {
        double total = 1 + 0.5 + 0.25;
        assertArrayEquals(new double[] {0.25 / total, 0.5 / total, 1 / total},
                new RecencyWeightedMeanEncoder(0.5).weights(3), 1e-12);
    }

    @Test
    void decayOneIsThePlainMean() {
        List<float[]> history = List.of(new float[] {1, 2, 3}, new float[] {3, 0, -3});
        assertArrayEquals(new MeanSequenceEncoder().encode(history),
                new RecencyWeightedMeanEncoder(1).encode(history), 1e-6f);
    }

    @Test
    void rejectsDecayOutsideTheUnitInterval() {
        assertThrows(IllegalArgumentException.class, () -> new RecencyWeightedMeanEncoder(-0.1));
        assertThrows(IllegalArgumentException.class, () -> new RecencyWeightedMeanEncoder(1.5));
        assertThrows(IllegalArgumentException.class, () -> new RecencyWeightedMeanEncoder(Double.NaN));
    }
}
