package io.semrec.encoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class MeanSequenceEncoderTest {

    private final SequenceEncoder encoder = new MeanSequenceEncoder();

    @Test
    void averagesComponentWise() {
        float[] query = encoder.encode(List.of(new float[] {1, 2, 3}, new float[] {3, 0, -3}, new float[] {2, 1, 0}));
        assertArrayEquals(new float[] {2, 1, 0}, query, 1e-6f);
    }

    @Test
    void singleItemHistoryIsThatItemsVector() {
        float[] item = {0.25f, -0.5f};
        float[] query = encoder.encode(List.of(item));
        assertArrayEquals(item, query, 0f);
    }

    @Test
    void rejectsEmptyHistoryAndMixedWidths() {
        assertThrows(IllegalArgumentException.class, () -> encoder.encode(List.of()));
        assertThrows(IllegalArgumentException.class,
                () -> encoder.encode(List.of(new float[] {1, 2}, new float[] {1, 2, 3})));
    }
}
