package io.semrec.training.recformer;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Draws one (prefix, target) pair per user sequence per epoch, as Recformer trains: pre-training
 * picks the target in the sequence's second half, fine-tuning anywhere after the first item.
 * Sequences of fewer than two items give no pair.
 */
public final class TargetSampling {

    /** The prefix {@code history[0..end)} of sequence {@code sequence} and its next item {@code history[end]}. */
    public record Example(int sequence, int end, int target) {
    }

    private TargetSampling() {
    }

    /** Target index uniform in {@code [max(1, n/2), n-1]}. */
    public static List<Example> pretraining(int[][] sequences, SplittableRandom random) {
        return sample(sequences, random, true);
    }

    /** Target index uniform in {@code [1, n-1]}. */
    public static List<Example> finetuning(int[][] sequences, SplittableRandom random) {
        return sample(sequences, random, false);
    }

    private static List<Example> sample(int[][] sequences, SplittableRandom random, boolean secondHalf) {
        List<Example> examples = new ArrayList<>(sequences.length);
        for (int s = 0; s < sequences.length; s++) {
            int n = sequences[s].length;
            if (n < 2) {
                continue;
            }
            int first = secondHalf ? Math.max(1, n / 2) : 1;
            int end = first + random.nextInt(n - first);
            examples.add(new Example(s, end, sequences[s][end]));
        }
        return examples;
    }
}
