package io.semrec.training.textknn;

import io.semrec.encoder.RecencyWeightedMeanEncoder;
import io.semrec.evaluation.BatchScorer;
import java.util.Arrays;

/**
 * text-knn over the full TF-IDF vocabulary, before dimension reduction: the reference that the
 * published (reduced) model is measured against. Ranks by cosine; the query's length does not
 * change a ranking, so it is not divided out.
 */
public final class SparseTfIdfScorer implements BatchScorer {

    private final CsrMatrix items;
    private final RecencyWeightedMeanEncoder encoder;

    public SparseTfIdfScorer(CsrMatrix items, RecencyWeightedMeanEncoder encoder) {
        this.items = items;
        this.encoder = encoder;
    }

    @Override
    public void score(int[][] histories, float[][] scoresOut) {
        double[] query = new double[items.columns()];
        for (int b = 0; b < histories.length; b++) {
            int[] history = histories[b];
            double[] weights = encoder.weights(history.length);
            Arrays.fill(query, 0);
            for (int h = 0; h < history.length; h++) {
                items.addRowTo(history[h], weights[h], query);
            }
            items.multiply(query, scoresOut[b]);
        }
    }
}
