package io.semrec.training.sasrec;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.semrec.training.nn.TransformerOps;
import java.util.ArrayList;
import java.util.List;

/**
 * SASRec (Kang and McAuley, 2018): item and position embeddings, causal pre-norm transformer
 * blocks, a final layer norm. Input: token ids {@code (batch, length)} (item index + 1, 0 =
 * padding, right-aligned); output: hidden states {@code (batch, length, dim)}. The hidden state at a
 * position scores candidates by dot product with the item table (tied input and output
 * embeddings), which is what serving's pgvector search computes.
 */
final class SasrecNetwork extends AbstractBlock {

    static final float LAYER_NORM_EPSILON = 1e-5f;

    private final int itemCount;
    private final int dim;
    private final int maxHistory;
    private final float dropout;
    /** Row 0 is padding; row i + 1 is item i. */
    final Parameter itemTable;
    /** Row {@code maxHistory - 1} is the newest item's position. */
    final Parameter positionTable;
    final List<SasrecLayer> layers = new ArrayList<>();
    final LayerNorm finalNorm;

    SasrecNetwork(int itemCount, SasrecParams params) {
        this.itemCount = itemCount;
        this.dim = params.dim();
        this.maxHistory = params.maxHistory();
        this.dropout = (float) params.dropout();
        itemTable = addParameter(Parameter.builder().setName("item_embedding").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(itemCount + 1L, dim)).build());
        positionTable = addParameter(Parameter.builder().setName("position_embedding")
                .setType(Parameter.Type.WEIGHT).optShape(new Shape(maxHistory, dim)).build());
        for (int l = 0; l < params.layers(); l++) {
            layers.add(addChildBlock("layer" + l, new SasrecLayer(dim, params.heads(), dropout)));
        }
        finalNorm = addChildBlock("final_norm", SasrecLayer.featureNorm());
    }

    int itemCount() {
        return itemCount;
    }

    int dim() {
        return dim;
    }

    int maxHistory() {
        return maxHistory;
    }

    /** Item vectors are scaled up before positions are added, as in SASRec, so both start at similar norms. */
    float inputScale() {
        return (float) Math.sqrt(dim);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray tokens = inputs.head();
        NDManager manager = tokens.getManager();
        int length = Math.toIntExact(tokens.getShape().get(1));
        NDArray items = store.getValue(itemTable, tokens.getDevice(), training);
        NDArray positionsTable = store.getValue(positionTable, tokens.getDevice(), training);
        // Ops are written data-first so their results belong to the batch's manager, not the model's.
        NDArray positions = manager.arange(maxHistory - length, maxHistory, 1, DataType.INT64);
        NDArray x = Embedding.embedding(tokens, items, SparseFormat.DENSE).head().mul(inputScale())
                .add(Embedding.embedding(positions, positionsTable, SparseFormat.DENSE).head());
        x = Dropout.dropout(x, dropout, training).head();
        // Causal, and padding is never attended to: a history's query does not depend on its padding.
        NDArray bias = TransformerOps.attentionBias(tokens.neq(SequenceBatch.PADDING), true, DataType.FLOAT32);
        for (SasrecLayer layer : layers) {
            x = layer.forward(store, new NDList(x, bias), training).head();
        }
        return finalNorm.forward(store, new NDList(x), training);
    }

    /**
     * Dot product of hidden states {@code (n, dim)} with every item: {@code (n, itemCount)}, column i
     * for item i. Reads the table directly: on one device the trainer's store hands out the same array.
     */
    NDArray itemScores(NDArray hidden) {
        return Linear.linear(hidden, itemTable.getArray()).head().get(":, 1:");
    }

    /** The item vectors of tokens {@code (n)}: {@code (n, dim)}. */
    NDArray itemVectors(NDArray tokens) {
        return Embedding.embedding(tokens, itemTable.getArray(), SparseFormat.DENSE).head();
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape tokens = inputShapes[0];
        return new Shape[] {new Shape(tokens.get(0), tokens.get(1), dim)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape tokens = inputShapes[0];
        Shape hidden = new Shape(tokens.get(0), tokens.get(1), dim);
        Shape mask = new Shape(tokens.get(0), 1, tokens.get(1), tokens.get(1));
        for (SasrecLayer layer : layers) {
            layer.initialize(manager, dataType, hidden, mask);
        }
        finalNorm.initialize(manager, dataType, hidden);
    }
}
