package io.semrec.training.sasrec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * One epoch's batches: sequences shuffled, then sorted by length within pools of
 * {@link #POOL_BATCHES} batches, and the batches shuffled again. A batch is padded only to its
 * longest sequence, so similar lengths per batch cut the work several times on short-history
 * catalogs while every epoch still mixes users differently.
 */
public final class LengthBucketedBatches {

    static final int POOL_BATCHES = 32;

    private LengthBucketedBatches() {
    }

    public static List<List<int[]>> of(List<int[]> sequences, int batchSize, SplittableRandom random) {
        List<int[]> shuffled = new ArrayList<>(sequences);
        Collections.shuffle(shuffled, new Random(random.nextLong()));
        List<List<int[]>> batches = new ArrayList<>();
        int pool = batchSize * POOL_BATCHES;
        for (int from = 0; from < shuffled.size(); from += pool) {
            List<int[]> sorted = new ArrayList<>(shuffled.subList(from, Math.min(from + pool, shuffled.size())));
            sorted.sort(Comparator.comparingInt(sequence -> sequence.length));
            for (int start = 0; start < sorted.size(); start += batchSize) {
                batches.add(sorted.subList(start, Math.min(start + batchSize, sorted.size())));
            }
        }
        Collections.shuffle(batches, new Random(random.nextLong()));
        return batches;
    }
}
