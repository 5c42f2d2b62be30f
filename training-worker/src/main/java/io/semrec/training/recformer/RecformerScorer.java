package io.semrec.training.recformer;

import io.semrec.evaluation.BatchScorer;
import java.util.ArrayList;
import java.util.List;

/**
 * Ranks every item for histories as serving will: each history becomes a sequence under the serving
 * token budget, the encoder's CLS vector is the query, and items score by cosine with their vectors.
 */
final class RecformerScorer implements BatchScorer {

    private final RecformerModel model;
    private final ItemTokens[] items;
    private final SequenceAssembler assembler;
    private final int encodeBatch;
    private final float[][] unitItems;

    RecformerScorer(RecformerModel model, ItemTokens[] items, SequenceAssembler assembler, float[][] itemVectors,
            int encodeBatch) {
        this.model = model;
        this.items = items;
        this.assembler = assembler;
        this.encodeBatch = encodeBatch;
        this.unitItems = new float[itemVectors.length][];
        for (int i = 0; i < itemVectors.length; i++) {
            unitItems[i] = unit(itemVectors[i]);
        }
    }

    @Override
    public void score(int[][] histories, float[][] scoresOut) {
        List<TokenSequence> sequences = new ArrayList<>(histories.length);
        for (int[] history : histories) {
            sequences.add(assembler.history(items, history));
        }
        float[][] queries = model.encode(sequences, encodeBatch);
        for (int row = 0; row < histories.length; row++) {
            float[] query = unit(queries[row]);
            float[] scores = scoresOut[row];
            for (int item = 0; item < unitItems.length; item++) {
                float[] vector = unitItems[item];
                float dot = 0;
                for (int d = 0; d < vector.length; d++) {
                    dot += query[d] * vector[d];
                }
                scores[item] = dot;
            }
        }
    }

    static float[] unit(float[] vector) {
        double norm = 0;
        for (float x : vector) {
            norm += x * x;
        }
        float scale = norm == 0 ? 0 : (float) (1 / Math.sqrt(norm));
        float[] unit = new float[vector.length];
        for (int i = 0; i < vector.length; i++) {
            unit[i] = vector[i] * scale;
        }
        return unit;
    }
}
