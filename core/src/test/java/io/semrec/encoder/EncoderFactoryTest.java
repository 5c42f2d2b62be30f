package io.semrec.encoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.semrec.artifact.ArtifactLookup;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EncoderFactoryTest {

    private static final List<float[]> HISTORY = List.of(new float[] {1, 1}, new float[] {3, -1});

    @Test
    void methodsWithoutTheirOwnEncoderAreServedByTheMean() throws Exception {
        SequenceEncoder encoder = EncoderFactory.forModel("byo", Map.of(), ArtifactLookup.NONE);
        assertArrayEquals(new float[] {2, 0}, encoder.encode(HISTORY), 1e-6f);
    }

    @Test
    void textKnnWeighsRecentItemsByTheModelsDecay() throws Exception {
        SequenceEncoder encoder = EncoderFactory.forModel("text-knn", Map.of("decay", 0.5), ArtifactLookup.NONE);
        assertEquals(0.5, ((RecencyWeightedMeanEncoder) encoder).decay(), 0);
        // weights 1/3 (older) and 2/3 (newest)
        assertArrayEquals(new float[] {7f / 3, -1f / 3}, encoder.encode(HISTORY), 1e-6f);
    }

    @Test
    void textKnnWithoutAStoredDecayUsesTheSpecsDefault() throws Exception {
        SequenceEncoder encoder = EncoderFactory.forModel("text-knn", Map.of(), ArtifactLookup.NONE);
        assertEquals(0.7, ((RecencyWeightedMeanEncoder) encoder).decay(), 0);
    }

    @Test
    void popularityAsksTheSameQueryWhateverTheHistory() throws Exception {
        SequenceEncoder encoder = EncoderFactory.forModel("popularity", Map.of(), ArtifactLookup.NONE);
        assertArrayEquals(new float[] {1}, encoder.encode(List.of(new float[] {0.3f})), 0f);
        assertArrayEquals(new float[] {1}, encoder.encode(List.of(new float[] {5f}, new float[] {0f})), 0f);
    }

    @Test
    void aSasrecModelIsServedByTheEncoderInItsArtifact() throws Exception {
        SasrecWeights weights = SasrecEncoderTest.randomWeights(new SplittableRandom(3), 8, 2, 1, 4);
        List<float[]> history = List.of(SasrecEncoderTest.randomVector(new SplittableRandom(4), 8));

        SequenceEncoder encoder = EncoderFactory.forModel("sasrec", Map.of(),
                name -> Optional.of(weights.toSafeTensors().toBytes()).filter(bytes -> name.equals(SasrecEncoder.ARTIFACT)));

        assertArrayEquals(new SasrecEncoder(weights).encode(history), encoder.encode(history), 0f);
        assertThrows(IOException.class, () -> EncoderFactory.forModel("sasrec", Map.of(), ArtifactLookup.NONE));
    }
}
