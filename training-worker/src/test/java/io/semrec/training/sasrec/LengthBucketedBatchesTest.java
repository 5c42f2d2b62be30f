package io.semrec.training.sasrec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LengthBucketedBatchesTest {

    private final List<int[]> sequences = new ArrayList<>();

    LengthBucketedBatchesTest() {
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 1000; i++) {
            sequences.add(new int[random.nextInt(2, 60)]);
        }
    }

    @Test
    void everySequenceLandsInExactlyOneBatch() {
        List<List<int[]>> batches = LengthBucketedBatches.of(sequences, 16, new SplittableRandom(2));

        Map<int[], Integer> seen = new IdentityHashMap<>();
        for (List<int[]> batch : batches) {
            assertTrue(batch.size() <= 16);
            batch.forEach(sequence -> seen.merge(sequence, 1, Integer::sum));
        }
        assertEquals(sequences.size(), seen.size());
        assertTrue(seen.values().stream().allMatch(count -> count == 1));
    }

    @Test
    void batchesHoldSimilarLengthsAndDifferPerEpoch() {
        SplittableRandom random = new SplittableRandom(3);
        List<List<int[]>> first = LengthBucketedBatches.of(sequences, 16, random);
        List<List<int[]>> second = LengthBucketedBatches.of(sequences, 16, random);

        double spread = first.stream().mapToInt(b -> b.get(b.size() - 1).length - b.get(0).length).average().orElseThrow();
        assertTrue(spread < 10, "mean length spread within a batch " + spread);
        assertNotEquals(first.get(0).get(0), second.get(0).get(0));
    }
}
