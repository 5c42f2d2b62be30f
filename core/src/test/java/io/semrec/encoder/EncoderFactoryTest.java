package io.semrec.encoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EncoderFactoryTest {

    @Test
    void methodsWithoutTheirOwnEncoderAreServedByTheMean() {
        SequenceEncoder encoder = new EncoderFactory().forMethod("byo");
        assertArrayEquals(new float[] {2, 0}, encoder.encode(List.of(new float[] {1, 1}, new float[] {3, -1})), 1e-6f);
    }

    @Test
    void aMethodsOwnEncoderWins() {
        SequenceEncoder last = history -> history.get(history.size() - 1).clone();
        EncoderFactory factory = new EncoderFactory(Map.of("sasrec", last));
        assertSame(last, factory.forMethod("sasrec"));
        assertArrayEquals(new float[] {3, -1},
                factory.forMethod("sasrec").encode(List.of(new float[] {1, 1}, new float[] {3, -1})), 0f);
    }

    @Test
    void aSasrecModelIsServedByTheEncoderInItsArtifact() throws IOException {
        SasrecWeights weights = SasrecEncoderTest.randomWeights(new SplittableRandom(3), 8, 2, 1, 4);
        List<float[]> history = List.of(SasrecEncoderTest.randomVector(new SplittableRandom(4), 8));

        SequenceEncoder encoder = new EncoderFactory().forModel("sasrec", weights.toSafeTensors().toBytes());

        assertArrayEquals(new SasrecEncoder(weights).encode(history), encoder.encode(history), 0f);
        assertThrows(IOException.class, () -> new EncoderFactory().forModel("sasrec", null));
        assertSame(new EncoderFactory().forMethod("byo"), new EncoderFactory().forModel("byo", null));
    }
}
