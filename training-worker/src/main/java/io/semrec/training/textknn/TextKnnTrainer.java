package io.semrec.training.textknn;

import io.semrec.evaluation.ItemVectorScorer;
import io.semrec.training.data.ItemTable;

/** Builds a text-knn model from item text alone: TF-IDF, truncated SVD to {@code dim}, unit length. */
public final class TextKnnTrainer {

    /** Fixed so that the same catalog and parameters always give the same vectors. */
    static final long SEED = 20240229L;

    private TextKnnTrainer() {
    }

    public static TextKnnModel train(ItemTable items, TextKnnConfig config) {
        float[][] vectors = RandomizedSvd.rowCoordinates(TfIdfItems.of(items, config), config.dim(), SEED);
        for (float[] vector : vectors) {
            ItemVectorScorer.normalize(vector);
        }
        return new TextKnnModel(vectors, TextKnnModel.encoderFor(config));
    }
}
