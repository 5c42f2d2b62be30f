package io.semrec.evaluation;

import io.semrec.catalog.CatalogSettings;

/**
 * How {@link FullRankingEvaluator} ranks.
 *
 * @param maskSeen exclude items already in the user's (full) history from the ranking; the target
 *     itself is never excluded, so a repeat can still be predicted
 * @param historyWindow the scorer sees only the most recent this-many items of a history, as serving
 *     does; masking still uses the whole history
 * @param batchSize users scored per {@link BatchScorer} call; each thread holds
 *     {@code batchSize x itemCount} floats
 * @param threads scoring threads; above 1 the scorer must be thread-safe
 */
public record EvaluationOptions(boolean maskSeen, int historyWindow, int batchSize, int threads) {

    public static final int DEFAULT_BATCH_SIZE = 256;

    /** Seen items masked, serving's default history length, one thread. */
    public static final EvaluationOptions DEFAULTS =
            new EvaluationOptions(true, CatalogSettings.DEFAULT_HISTORY_LENGTH, DEFAULT_BATCH_SIZE, 1);

    public EvaluationOptions {
        if (historyWindow < 1 || batchSize < 1 || threads < 1) {
            throw new IllegalArgumentException("historyWindow, batchSize and threads must be at least 1");
        }
    }

    public EvaluationOptions withMaskSeen(boolean mask) {
        return new EvaluationOptions(mask, historyWindow, batchSize, threads);
    }

    public EvaluationOptions withHistoryWindow(int window) {
        return new EvaluationOptions(maskSeen, window, batchSize, threads);
    }

    public EvaluationOptions withBatchSize(int size) {
        return new EvaluationOptions(maskSeen, historyWindow, size, threads);
    }

    public EvaluationOptions withThreads(int count) {
        return new EvaluationOptions(maskSeen, historyWindow, batchSize, count);
    }
}
