package io.semrec.training.sasrec;

import java.util.List;

/**
 * One batch of histories as the network reads them: right-aligned (left-padded) rows of
 * {@code length} token ids, where token = item index + 1 and 0 is padding. Right alignment puts every
 * user's newest item at the last position, as serving does.
 *
 * @param inputs {@code size x length} token ids, row-major
 * @param targets for training, the token that follows each input position (0 where there is none);
 *     empty for scoring
 */
public record SequenceBatch(long[] inputs, long[] targets, int size, int length) {

    public static final int PADDING = 0;

    /** Every prefix predicts its next item: inputs are {@code s[0..n-2]}, targets {@code s[1..n-1]}. */
    public static SequenceBatch forTraining(List<int[]> sequences, int maxHistory) {
        int length = 1;
        for (int[] sequence : sequences) {
            length = Math.max(length, Math.min(sequence.length - 1, maxHistory));
        }
        long[] inputs = new long[sequences.size() * length];
        long[] targets = new long[inputs.length];
        for (int row = 0; row < sequences.size(); row++) {
            int[] sequence = sequences.get(row);
            int pairs = Math.min(sequence.length - 1, maxHistory);
            int rowEnd = (row + 1) * length;
            for (int p = 0; p < pairs; p++) {
                int target = sequence.length - pairs + p;
                inputs[rowEnd - pairs + p] = token(sequence[target - 1]);
                targets[rowEnd - pairs + p] = token(sequence[target]);
            }
        }
        return new SequenceBatch(inputs, targets, sequences.size(), length);
    }

    /** The most recent {@code maxHistory} items of each (non-empty) history. */
    public static SequenceBatch forScoring(int[][] histories, int maxHistory) {
        int length = 1;
        for (int[] history : histories) {
            length = Math.max(length, Math.min(history.length, maxHistory));
        }
        long[] inputs = new long[histories.length * length];
        for (int row = 0; row < histories.length; row++) {
            int[] history = histories[row];
            int kept = Math.min(history.length, maxHistory);
            int rowEnd = (row + 1) * length;
            for (int p = 0; p < kept; p++) {
                inputs[rowEnd - kept + p] = token(history[history.length - kept + p]);
            }
        }
        return new SequenceBatch(inputs, new long[0], histories.length, length);
    }

    static long token(int itemIndex) {
        return itemIndex + 1L;
    }
}
