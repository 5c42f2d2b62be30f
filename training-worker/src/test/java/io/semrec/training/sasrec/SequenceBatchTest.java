package io.semrec.training.sasrec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SequenceBatchTest {

    @Test
    void trainingRowsAreRightAlignedAndShiftedByOne() {
        SequenceBatch batch = SequenceBatch.forTraining(List.of(new int[] {4, 5, 6}, new int[] {7, 8}), 10);

        assertEquals(2, batch.length());
        // Tokens are item index + 1; the shorter row is padded on the left.
        assertArrayEquals(new long[] {5, 6, 0, 8}, batch.inputs());
        assertArrayEquals(new long[] {6, 7, 0, 9}, batch.targets());
    }

    @Test
    void longSequencesKeepTheirMostRecentPairs() {
        SequenceBatch batch = SequenceBatch.forTraining(List.<int[]>of(new int[] {0, 1, 2, 3, 4}), 2);

        assertArrayEquals(new long[] {3, 4}, batch.inputs());
        assertArrayEquals(new long[] {4, 5}, batch.targets());
    }

    @Test
    void scoringRowsHoldTheMostRecentItems() {
        SequenceBatch batch = SequenceBatch.forScoring(new int[][] {{0, 1, 2, 3}, {9}}, 3);

        assertEquals(3, batch.length());
        assertArrayEquals(new long[] {2, 3, 4, 0, 0, 10}, batch.inputs());
        assertEquals(0, batch.targets().length);
    }
}
