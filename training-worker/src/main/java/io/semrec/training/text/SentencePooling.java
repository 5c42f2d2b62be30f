package io.semrec.training.text;

import ai.djl.ndarray.NDArray;

/** Sentence vectors from token states the way sentence-transformers builds them for all-MiniLM-L6-v2. */
public final class SentencePooling {

    private static final float MIN_TOKEN_COUNT = 1e-9f;
    private static final float MIN_NORM = 1e-12f;

    private SentencePooling() {
    }

    /** Hidden states (B,S,H) and attention mask (B,S) -> unit-length mean of the real tokens (B,H). */
    public static NDArray meanPooledUnitVectors(NDArray hidden, NDArray attentionMask) {
        return l2Normalize(meanPool(hidden, attentionMask));
    }

    /** Hidden states (B,S,H) and attention mask (B,S) -> mean over the positions where the mask is 1 (B,H). */
    public static NDArray meanPool(NDArray hidden, NDArray attentionMask) {
        NDArray weights = attentionMask.toType(hidden.getDataType(), false).expandDims(2);
        NDArray counts = weights.sum(new int[] {1}).maximum(MIN_TOKEN_COUNT);
        return hidden.mul(weights).sum(new int[] {1}).div(counts);
    }

    /** (B,H) -> each row divided by its L2 norm. */
    public static NDArray l2Normalize(NDArray vectors) {
        return vectors.div(vectors.norm(new int[] {-1}, true).maximum(MIN_NORM));
    }
}
