package io.semrec.evaluation;

/**
 * Scores every item of a catalog for a batch of histories, so models that run on an accelerator
 * can score many users in one pass and pure-Java models can too.
 */
@FunctionalInterface
public interface BatchScorer {

    /**
     * @param histories item indices of each user's history, oldest first, never empty; at most the
     *     evaluation's history window long
     * @param scoresOut one row per history, each as long as the catalog has items; higher is better.
     *     Rows are reused between calls: write every cell.
     */
    void score(int[][] histories, float[][] scoresOut);
}
