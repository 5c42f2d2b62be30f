package io.semrec.training.recformer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Recformer's losses on encoder outputs: scores are cosine similarities divided by a temperature, and
 * every loss is a softmax cross-entropy over such scores (or, for MLM, over the vocabulary).
 */
public final class ContrastiveLosses {

    /** Added to the score of a duplicate in-batch negative: removes it from the softmax. */
    private static final float EXCLUDED = -1e4f;
    private static final float NORM_EPSILON = 1e-12f;

    private ContrastiveLosses() {
    }

    /** Rows scaled to unit length. */
    public static NDArray normalize(NDArray rows) {
        NDArray norms = rows.square().sum(new int[] {-1}, true).add(NORM_EPSILON).sqrt();
        return rows.div(norms);
    }

    /** {@code cos(query_b, item_n) / tau}, shape (B, N). */
    public static NDArray cosineLogits(NDArray queries, NDArray items, double tau) {
        return cosineLogitsToUnitColumns(queries, unitColumns(items), tau);
    }

    /** Items (N, H) as unit columns (H, N), computed once for many {@link #cosineLogitsToUnitColumns} calls. */
    public static NDArray unitColumns(NDArray items) {
        return normalize(items).transpose();
    }

    /**
     * {@code cos(query_b, item_n) / tau} against items already given as {@link #unitColumns}; every
     * array it creates belongs to the queries' manager.
     */
    public static NDArray cosineLogitsToUnitColumns(NDArray queries, NDArray unitColumns, double tau) {
        return normalize(queries).matMul(unitColumns).div(tau);
    }

    /**
     * Item–item contrastive loss: sequence b's positive is item b; the other items of the batch are its
     * negatives, except copies of its own item, which are left out.
     *
     * @param sequences (B, H) sequence representations
     * @param items (B, H) representations of each sequence's target item alone
     * @param itemIds each row's item (dense index), to find duplicates
     */
    public static NDArray itemItemContrastive(NDArray sequences, NDArray items, int[] itemIds, double tau) {
        NDManager manager = sequences.getManager();
        int batch = itemIds.length;
        float[] exclusions = new float[batch * batch];
        for (int b = 0; b < batch; b++) {
            for (int c = 0; c < batch; c++) {
                if (c != b && itemIds[c] == itemIds[b]) {
                    exclusions[b * batch + c] = EXCLUDED;
                }
            }
        }
        NDArray logits = cosineLogits(sequences, items, tau).add(manager.create(exclusions, new Shape(batch, batch)));
        int[] diagonal = new int[batch];
        for (int b = 0; b < batch; b++) {
            diagonal[b] = b;
        }
        return crossEntropy(logits, diagonal);
    }

    /** Mean softmax cross-entropy of (B, N) logits against one target column per row. */
    public static NDArray crossEntropy(NDArray logits, int[] targets) {
        NDArray columns = logits.getManager().create(targets).toType(DataType.INT64, false)
                .reshape(targets.length, 1);
        return logits.logSoftmax(1).gather(columns, 1).mean().neg();
    }
}
