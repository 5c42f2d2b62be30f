package io.semrec.training.sasrec;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;

/** SASRec's item table: one free vector per item, learned with the network. */
final class TrainableItemEmbedding extends ItemEmbedding {

    final Parameter table;

    TrainableItemEmbedding(int itemCount, int dim) {
        super(itemCount, dim);
        table = addParameter(Parameter.builder().setName("item_embedding").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(itemCount + 1L, dim)).build());
    }

    @Override
    public NDArray table(NDManager manager) {
        return table.getArray();
    }

    @Override
    public float[][] publishedVectors() {
        return itemRows(table.getArray().toFloatArray(), itemCount(), dim());
    }
}
