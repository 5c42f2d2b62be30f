package io.semrec.training.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.core.Embedding;
import ai.djl.training.loss.SoftmaxCrossEntropyLoss;
import java.util.Arrays;

/** Teacher-forced cross-entropy of a causal LM over the positions that have a target. */
public final class NextTokenLoss {

    /** Target of a position that is not scored (padding, or a soft-prefix position with no text to predict). */
    public static final long IGNORE = -1;

    private static final SoftmaxCrossEntropyLoss CROSS_ENTROPY = new SoftmaxCrossEntropyLoss("next-token", 1, -1,
            true, true);

    private NextTokenLoss() {
    }

    /**
     * Mean cross-entropy (nats per scored token) of logits (B,T,V) against targets, row-major (B·T)
     * with {@link #IGNORE} where nothing is scored; a scalar on the logits' manager. Perplexity is its
     * exponential.
     */
    public static NDArray mean(NDArray logits, long[] targets) {
        NDManager manager = logits.getManager();
        long vocab = logits.getShape().get(2);
        int scored = 0;
        long[] rows = new long[targets.length];
        long[] labels = new long[targets.length];
        for (int p = 0; p < targets.length; p++) {
            if (targets[p] != IGNORE) {
                rows[scored] = p;
                labels[scored++] = targets[p];
            }
        }
        if (scored == 0) {
            throw new IllegalArgumentException("no position has a target");
        }
        NDArray flat = logits.reshape(targets.length, vocab);
        // A gather whose gradient reaches the logits, keeping only scored positions.
        NDArray picked = Embedding.embedding(manager.create(Arrays.copyOf(rows, scored)), flat,
                SparseFormat.DENSE).singletonOrThrow();
        return CROSS_ENTROPY.evaluate(new NDList(manager.create(Arrays.copyOf(labels, scored))),
                new NDList(picked));
    }
}
