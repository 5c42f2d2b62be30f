package io.semrec.training.popularity;

import io.semrec.evaluation.BatchScorer;
import io.semrec.training.data.ItemTable;
import java.util.Comparator;
import java.util.stream.IntStream;

/** Item counts over a set of histories: scores every item by its count, whatever the history. */
public final class PopularityModel implements BatchScorer {

    private final int[] counts;

    private PopularityModel(int[] counts) {
        this.counts = counts;
    }

    public static PopularityModel fit(int[][] histories, int itemCount) {
        int[] counts = new int[itemCount];
        for (int[] history : histories) {
            for (int item : history) {
                counts[item]++;
            }
        }
        return new PopularityModel(counts);
    }

    public int count(int item) {
        return counts[item];
    }

    @Override
    public void score(int[][] histories, float[][] scoresOut) {
        for (float[] row : scoresOut) {
            for (int i = 0; i < counts.length; i++) {
                row[i] = counts[i];
            }
        }
    }

    /** The {@code k} most frequent available items, most frequent first (ties by index). */
    public int[] topAvailable(ItemTable items, int k) {
        return IntStream.range(0, counts.length)
                .filter(items::available)
                .boxed()
                .sorted(Comparator.comparingInt((Integer i) -> counts[i]).reversed().thenComparingInt(i -> i))
                .limit(k)
                .mapToInt(Integer::intValue)
                .toArray();
    }
}
