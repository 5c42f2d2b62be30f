package io.semrec.training.sasrec;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.semrec.training.nn.TransformerOps;
import java.util.ArrayList;
import java.util.List;

/**
 * SASRec (Kang and McAuley, 2018): item and position embeddings, causal pre-norm transformer
 * blocks, a final layer norm, over any {@link ItemEmbedding} (SASRec's own: a free table, tied
 * input and output embeddings). Input: token ids {@code (batch, length)} (item index + 1, 0 =
 * padding, right-aligned); output: hidden states {@code (batch, length, dim)}.
 */
public final class SasrecNetwork extends SequenceNetwork {

    static final float LAYER_NORM_EPSILON = 1e-5f;

    private final float dropout;
    /** Row {@code maxHistory - 1} is the newest item's position. */
    final Parameter positionTable;
    final List<SasrecLayer> layers = new ArrayList<>();
    final LayerNorm finalNorm;

    /** SASRec as published: its own trainable item table. */
    SasrecNetwork(int itemCount, SasrecParams params) {
        this(new TrainableItemEmbedding(itemCount, params.dim()), params);
    }

    /** The SASRec body over {@code items}, whose width must be {@code params.dim()}. */
    public SasrecNetwork(ItemEmbedding items, SasrecParams params) {
        super(items, params.maxHistory());
        if (items.dim() != params.dim()) {
            throw new IllegalArgumentException("item vectors of width " + items.dim() + ", network of " + params.dim());
        }
        this.dropout = (float) params.dropout();
        positionTable = addParameter(Parameter.builder().setName("position_embedding")
                .setType(Parameter.Type.WEIGHT).optShape(new Shape(params.maxHistory(), params.dim())).build());
        for (int l = 0; l < params.layers(); l++) {
            layers.add(addChildBlock("layer" + l, new SasrecLayer(params.dim(), params.heads(), dropout)));
        }
        finalNorm = addChildBlock("final_norm", SasrecLayer.featureNorm());
    }

    /** Item vectors are scaled up before positions are added, as in SASRec, so both start at similar norms. */
    float inputScale() {
        return (float) Math.sqrt(dim());
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray tokens = inputs.head();
        NDManager manager = tokens.getManager();
        int length = Math.toIntExact(tokens.getShape().get(1));
        int maxHistory = maxHistory();
        NDArray positionsTable = store.getValue(positionTable, tokens.getDevice(), training);
        // Ops are written data-first so their results belong to the batch's manager, not the model's.
        NDArray positions = manager.arange(maxHistory - length, maxHistory, 1, DataType.INT64);
        NDArray x = itemVectors(tokens).mul(inputScale())
                .add(Embedding.embedding(positions, positionsTable, SparseFormat.DENSE).head());
        x = Dropout.dropout(x, dropout, training).head();
        // Causal, and padding is never attended to: a history's query does not depend on its padding.
        NDArray bias = TransformerOps.attentionBias(tokens.neq(SequenceBatch.PADDING), true, DataType.FLOAT32);
        for (SasrecLayer layer : layers) {
            x = layer.forward(store, new NDList(x, bias), training).head();
        }
        return finalNorm.forward(store, new NDList(x), training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape tokens = inputShapes[0];
        return new Shape[] {new Shape(tokens.get(0), tokens.get(1), dim())};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape tokens = inputShapes[0];
        Shape hidden = new Shape(tokens.get(0), tokens.get(1), dim());
        Shape mask = new Shape(tokens.get(0), 1, tokens.get(1), tokens.get(1));
        items().initialize(manager, dataType, tokens);
        for (SasrecLayer layer : layers) {
            layer.initialize(manager, dataType, hidden, mask);
        }
        finalNorm.initialize(manager, dataType, hidden);
    }
}
