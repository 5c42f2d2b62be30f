package io.semrec.evaluation;

import io.semrec.encoder.SequenceEncoder;
import io.semrec.model.ScoreMetric;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Scores the way serving does: the model's encoder turns the history's item vectors into a query,
 * which is compared with every item vector by the model's metric. Thread-safe when the encoder is.
 */
public final class ItemVectorScorer implements BatchScorer {

    private final float[][] itemVectors;
    private final long[] itemIds;
    private final float[][] comparedVectors;
    private final SequenceEncoder encoder;
    private final ScoreMetric metric;

    /**
     * @param itemVectors one vector per item index, all of one width
     */
    public ItemVectorScorer(float[][] itemVectors, SequenceEncoder encoder, ScoreMetric metric) {
        this(itemVectors, null, encoder, metric);
    }

    /**
     * @param itemIds the model's item id of each item index, for encoders that read items by id
     *     ({@link SequenceEncoder#encode(long[], List)}); null when the encoder needs only vectors
     */
    public ItemVectorScorer(float[][] itemVectors, long[] itemIds, SequenceEncoder encoder, ScoreMetric metric) {
        this.itemVectors = itemVectors;
        this.itemIds = itemIds;
        this.encoder = encoder;
        this.metric = metric;
        this.comparedVectors = metric == ScoreMetric.COSINE ? normalizedCopy(itemVectors) : itemVectors;
    }

    @Override
    public void score(int[][] histories, float[][] scoresOut) {
        float[][] queries = new float[histories.length][];
        for (int b = 0; b < histories.length; b++) {
            List<float[]> vectors = new ArrayList<>(histories[b].length);
            for (int item : histories[b]) {
                vectors.add(itemVectors[item]);
            }
            queries[b] = itemIds == null ? encoder.encode(vectors)
                    : encoder.encode(Arrays.stream(histories[b]).mapToLong(item -> itemIds[item]).toArray(), vectors);
            if (metric == ScoreMetric.COSINE) {
                normalize(queries[b]);
            }
        }
        // Items outer, queries inner: each item vector is read once per batch.
        for (int item = 0; item < comparedVectors.length; item++) {
            float[] vector = comparedVectors[item];
            for (int b = 0; b < queries.length; b++) {
                scoresOut[b][item] = dot(queries[b], vector);
            }
        }
    }

    /** Four running sums so the JIT can overlap the multiply-adds (a single sum is one long dependency chain). */
    static float dot(float[] a, float[] b) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int i = 0;
        for (; i + 3 < a.length; i += 4) {
            s0 += a[i] * b[i];
            s1 += a[i + 1] * b[i + 1];
            s2 += a[i + 2] * b[i + 2];
            s3 += a[i + 3] * b[i + 3];
        }
        for (; i < a.length; i++) {
            s0 += a[i] * b[i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** Scales {@code vector} to unit length in place; a zero vector stays zero (scores 0 against all). */
    public static void normalize(float[] vector) {
        double norm = Math.sqrt(dot(vector, vector));
        if (norm > 0) {
            for (int i = 0; i < vector.length; i++) {
                vector[i] /= (float) norm;
            }
        }
    }

    private static float[][] normalizedCopy(float[][] vectors) {
        float[][] copy = new float[vectors.length][];
        for (int i = 0; i < vectors.length; i++) {
            copy[i] = vectors[i].clone();
            normalize(copy[i]);
        }
        return copy;
    }
}
