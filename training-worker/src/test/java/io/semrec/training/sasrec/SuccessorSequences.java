package io.semrec.training.sasrec;

import java.util.SplittableRandom;

/** Synthetic histories with a trivially learnable order: item i is always followed by item i + 1 (mod n). */
public final class SuccessorSequences {

    private SuccessorSequences() {
    }

    public static int[][] generate(int items, int users, int minLength, int maxLength, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[][] histories = new int[users][];
        for (int u = 0; u < users; u++) {
            int start = random.nextInt(items);
            histories[u] = new int[random.nextInt(minLength, maxLength + 1)];
            for (int t = 0; t < histories[u].length; t++) {
                histories[u][t] = (start + t) % items;
            }
        }
        return histories;
    }
}
