package io.semrec.training.popularity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.semrec.training.data.ItemTable;
import java.util.Collections;
import org.junit.jupiter.api.Test;

class PopularityModelTest {

    private final PopularityModel model = PopularityModel.fit(new int[][] {{0, 2, 2}, {3, 2, 0}, {1}}, 5);

    @Test
    void scoresEveryItemByItsCountWhateverTheHistory() {
        float[][] scores = new float[2][5];
        model.score(new int[][] {{4}, {0, 1}}, scores);
        assertArrayEquals(new float[] {2, 1, 3, 1, 0}, scores[0]);
        assertArrayEquals(scores[0], scores[1]);
        assertEquals(3, model.count(2));
    }

    @Test
    void servesTheMostFrequentAvailableItems() {
        ItemTable items = new ItemTable(new long[] {10, 11, 12, 13, 14}, new String[] {"a", "b", "c", "d", "e"},
                Collections.nCopies(5, java.util.Map.of()), new boolean[] {true, true, false, true, true});
        // Item 2 is the most frequent but unavailable; 1 and 3 tie and keep index order.
        assertArrayEquals(new int[] {0, 1, 3}, model.topAvailable(items, 3));
    }
}
