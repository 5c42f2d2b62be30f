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
        return new TextKnnModel(itemVectors(items, config), TextKnnModel.encoderFor(config));
    }

    /** Each item's unit-length text vector (all zeros for an item without text), in item order. */
    public static float[][] itemVectors(ItemTable items, TextKnnConfig config) {
        float[][] vectors = RandomizedSvd.rowCoordinates(TfIdfItems.of(items, config), config.dim(), SEED);
        for (float[] vector : vectors) {
            ItemVectorScorer.normalize(vector);
        }
        return vectors;
    }
}
