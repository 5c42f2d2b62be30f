package io.semrec.training.textknn;

import io.semrec.encoder.RecencyWeightedMeanEncoder;
import io.semrec.evaluation.BatchScorer;
import io.semrec.evaluation.ItemVectorScorer;
import io.semrec.model.ScoreMetric;

/**
 * A trained text-knn model in its published form: unit-length item vectors (cosine) and the
 * recency-weighted mean query encoder serving runs on them.
 */
public record TextKnnModel(float[][] itemVectors, RecencyWeightedMeanEncoder encoder) {

    public static final ScoreMetric METRIC = ScoreMetric.COSINE;

    /** The query encoder a model trained with {@code config} serves with. */
    public static RecencyWeightedMeanEncoder encoderFor(TextKnnConfig config) {
        return new RecencyWeightedMeanEncoder(config.decay());
    }

    public int dim() {
        return itemVectors.length == 0 ? 0 : itemVectors[0].length;
    }

    /** Scores as serving will: the encoder over the stored vectors, then cosine. */
    public BatchScorer scorer() {
        return new ItemVectorScorer(itemVectors, encoder, METRIC);
    }
}
