package io.semrec.training.said;

import io.semrec.training.data.ItemTable;
import io.semrec.training.textknn.TextKnnConfig;
import io.semrec.training.textknn.TextKnnTrainer;

/**
 * Where the projector's item-ID rows start when {@code idInit=text}: each item's TF-IDF/SVD text
 * coordinates (text-knn's vectors at width {@code idDim}), scaled to unit variance per dimension.
 * Stage 1 visits each item once per epoch, so a randomly started row gets two updates in the default
 * two epochs and the soft tokens it makes hardly depend on the item (office: stage-1 perplexity 55
 * against 50 for the LM with no prefix at all); from text coordinates, similar items start close and
 * the shared MLP, which every step trains, learns the mapping to soft tokens.
 */
final class TextIdStart {

    private TextIdStart() {
    }

    /** Rows {@code [item index][idDim]}; null for an item without text (it keeps its random start). */
    static float[][] rows(ItemTable items, int idDim) {
        float[][] rows = TextKnnTrainer.itemVectors(items, TextKnnConfig.defaults().withDim(idDim));
        float scale = (float) Math.sqrt(idDim);
        for (int item = 0; item < rows.length; item++) {
            boolean hasText = false;
            for (int i = 0; i < idDim; i++) {
                hasText |= rows[item][i] != 0;
                rows[item][i] *= scale;
            }
            if (!hasText) {
                rows[item] = null;
            }
        }
        return rows;
    }
}
