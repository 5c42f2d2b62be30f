package io.semrec.encoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.Map;
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
}
