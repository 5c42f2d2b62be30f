package io.semrec.training.said;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * SAID's projector: an item-ID lookup followed by an MLP (GELU between layers) that makes {@code K}
 * soft tokens of the language model's embedding width. Input: item indices (B) int64; output: soft
 * tokens (B, K, width).
 */
final class SaidProjector extends AbstractBlock {

    private final int softTokens;
    private final int width;
    final Parameter idTable;
    final List<Linear> layers = new ArrayList<>();

    /**
     * @param hidden hidden widths of the MLP, input side first; empty for one linear map
     * @param width the language model's token-embedding width
     */
    SaidProjector(int items, int idDim, List<Integer> hidden, int softTokens, int width) {
        this.softTokens = softTokens;
        this.width = width;
        idTable = addParameter(Parameter.builder().setName("id_embedding").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(items, idDim)).build());
        for (int l = 0; l < hidden.size(); l++) {
            layers.add(addChildBlock("hidden" + l, Linear.builder().setUnits(hidden.get(l)).build()));
        }
        layers.add(addChildBlock("output", Linear.builder().setUnits((long) softTokens * width).build()));
    }

    int softTokens() {
        return softTokens;
    }

    int width() {
        return width;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray ids = inputs.head();
        NDArray x = Embedding.embedding(ids, store.getValue(idTable, ids.getDevice(), training), SparseFormat.DENSE)
                .head();
        for (int l = 0; l < layers.size(); l++) {
            x = layers.get(l).forward(store, new NDList(x), training).head();
            if (l < layers.size() - 1) {
                x = Activation.gelu(x);
            }
        }
        return new NDList(x.reshape(ids.getShape().get(0), softTokens, width));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), softTokens, width)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        long batch = inputShapes[0].get(0);
        long features = idTable.getShape().get(1);
        for (Linear layer : layers) {
            layer.initialize(manager, dataType, new Shape(batch, features));
            features = layer.getOutputShapes(new Shape[] {new Shape(batch, features)})[0].get(1);
        }
    }
}
