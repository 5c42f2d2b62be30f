package io.semrec.training.sasrec;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * The additive attention mask of a batch: position t may attend to position j only when j is not
 * after t (causality: the model must not see the item it predicts) and j is not padding.
 */
final class AttentionMask {

    /** Added to blocked scores; finite, so a padding row (everything blocked) stays NaN-free. */
    static final float BLOCKED = -1e9f;

    private AttentionMask() {
    }

    /**
     * @param tokens {@code (batch, length)} token ids, 0 = padding
     * @return {@code (batch, 1, length, length)}: 0 where allowed, {@link #BLOCKED} elsewhere
     */
    static NDArray of(NDArray tokens) {
        NDManager manager = tokens.getManager();
        long batch = tokens.getShape().get(0);
        int length = Math.toIntExact(tokens.getShape().get(1));
        boolean[] future = new boolean[length * length];
        for (int t = 0; t < length; t++) {
            for (int j = t + 1; j < length; j++) {
                future[t * length + j] = true;
            }
        }
        NDArray causal = manager.create(future, new Shape(1, 1, length, length));
        NDArray padding = tokens.eq(SequenceBatch.PADDING).reshape(batch, 1, 1, length);
        return padding.logicalOr(causal).toType(DataType.FLOAT32, false).mul(BLOCKED);
    }
}
