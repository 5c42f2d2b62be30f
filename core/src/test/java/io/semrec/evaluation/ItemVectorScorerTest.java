package io.semrec.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.semrec.encoder.MeanSequenceEncoder;
import io.semrec.encoder.RecencyWeightedMeanEncoder;
import io.semrec.model.ScoreMetric;
import org.junit.jupiter.api.Test;

class ItemVectorScorerTest {

    private final float[][] items = {{1, 0}, {0, 2}, {3, 4}, {0, 0}};

    @Test
    void dotScoresAgainstTheEncodedHistory() {
        float[][] scores = new float[1][4];
        new ItemVectorScorer(items, new MeanSequenceEncoder(), ScoreMetric.DOT).score(new int[][] {{0, 1}}, scores);
        // Query (0.5, 1).
        assertArrayEquals(new float[] {0.5f, 2, 5.5f, 0}, scores[0], 1e-6f);
    }

    @Test
    void cosineIgnoresLengthsAndScoresZeroVectorsZero() {
        float[][] scores = new float[2][4];
        ItemVectorScorer scorer = new ItemVectorScorer(items, new RecencyWeightedMeanEncoder(0), ScoreMetric.COSINE);
        // Decay 0: the query is the most recent item alone.
        scorer.score(new int[][] {{1, 0}, {0, 2}}, scores);
        assertArrayEquals(new float[] {1, 0, 0.6f, 0}, scores[0], 1e-6f);
        assertArrayEquals(new float[] {0.6f, 0.8f, 1, 0}, scores[1], 1e-6f);
    }

    @Test
    void dotProductOfLongVectorsAddsEveryComponent() {
        float[] a = {1, 2, 3, 4, 5, 6, 7};
        float[] b = {1, 1, 1, 1, 1, 1, 2};
        assertArrayEquals(new float[] {35}, new float[] {ItemVectorScorer.dot(a, b)}, 0f);
    }
}
