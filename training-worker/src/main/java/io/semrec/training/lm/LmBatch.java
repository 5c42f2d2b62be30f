package io.semrec.training.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.List;

/**
 * Token sequences padded on the right into one (B,T) batch for next-token training: the inputs are
 * each sequence but its last token, the targets each sequence but its first.
 *
 * @param inputIds (B·T) row-major, padded with the tokenizer's pad id
 * @param mask (B·T): 1 real, 0 padding
 * @param targets (B·T): the next token, {@link NextTokenLoss#IGNORE} at padding
 */
public record LmBatch(int size, int length, long[] inputIds, long[] mask, long[] targets) {

    /** Each sequence needs at least two tokens (e.g. bos and one text token). */
    public static LmBatch forNextToken(List<long[]> sequences, long padId) {
        int length = sequences.stream().mapToInt(s -> s.length - 1).max().orElseThrow();
        int size = sequences.size();
        long[] ids = new long[size * length];
        long[] mask = new long[size * length];
        long[] targets = new long[size * length];
        Arrays.fill(ids, padId);
        Arrays.fill(targets, NextTokenLoss.IGNORE);
        for (int b = 0; b < size; b++) {
            long[] sequence = sequences.get(b);
            if (sequence.length < 2) {
                throw new IllegalArgumentException("a sequence needs at least two tokens");
            }
            for (int t = 0; t < sequence.length - 1; t++) {
                ids[b * length + t] = sequence[t];
                mask[b * length + t] = 1;
                targets[b * length + t] = sequence[t + 1];
            }
        }
        return new LmBatch(size, length, ids, mask, targets);
    }

    /** Scored positions (the tokens predicted). */
    public int tokenCount() {
        return (int) Arrays.stream(targets).filter(t -> t != NextTokenLoss.IGNORE).count();
    }

    public NDArray inputIds(NDManager manager) {
        return manager.create(inputIds, new Shape(size, length));
    }

    public NDArray mask(NDManager manager) {
        return manager.create(mask, new Shape(size, length));
    }
}
