package io.semrec.training.sasrec;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.semrec.training.nn.TransformerOps;

/**
 * One pre-norm transformer block with causal multi-head self-attention:
 * {@code x += drop(attention(norm(x))); x += drop(outer(drop(relu(inner(norm(x))))))}.
 * Input: hidden states {@code (batch, length, dim)} and the additive attention bias
 * ({@link TransformerOps#attentionBias}).
 */
final class SasrecLayer extends AbstractBlock {

    private final int heads;
    private final float dropout;
    final LayerNorm attentionNorm;
    final Linear query;
    final Linear key;
    final Linear value;
    final Linear output;
    final LayerNorm feedForwardNorm;
    final Linear feedForwardInner;
    final Linear feedForwardOuter;

    SasrecLayer(int dim, int heads, float dropout) {
        this.heads = heads;
        this.dropout = dropout;
        attentionNorm = addChildBlock("attention_norm", featureNorm());
        query = addChildBlock("query", dense(dim));
        key = addChildBlock("key", dense(dim));
        value = addChildBlock("value", dense(dim));
        output = addChildBlock("output", dense(dim));
        feedForwardNorm = addChildBlock("feed_forward_norm", featureNorm());
        // SASRec's point-wise feed-forward keeps the width.
        feedForwardInner = addChildBlock("feed_forward_inner", dense(dim));
        feedForwardOuter = addChildBlock("feed_forward_outer", dense(dim));
    }

    static LayerNorm featureNorm() {
        return TransformerOps.featureNorm(SasrecNetwork.LAYER_NORM_EPSILON);
    }

    private static Linear dense(int units) {
        return Linear.builder().setUnits(units).build();
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        NDArray bias = inputs.get(1);
        NDArray normed = attentionNorm.forward(store, new NDList(x), training).head();
        NDArray attended = attention(store, normed, bias, training);
        x = x.add(drop(attended, training));
        normed = feedForwardNorm.forward(store, new NDList(x), training).head();
        NDArray hidden = Activation.relu(feedForwardInner.forward(store, new NDList(normed), training).head());
        NDArray fed = feedForwardOuter.forward(store, new NDList(drop(hidden, training)), training).head();
        return new NDList(x.add(drop(fed, training)));
    }

    private NDArray attention(ParameterStore store, NDArray x, NDArray bias, boolean training) {
        NDArray mixed = TransformerOps.multiHeadAttention(project(query, store, x, training),
                project(key, store, x, training), project(value, store, x, training), bias, heads, dropout, training);
        return project(output, store, mixed, training);
    }

    private static NDArray project(Linear linear, ParameterStore store, NDArray x, boolean training) {
        return linear.forward(store, new NDList(x), training).head();
    }

    private NDArray drop(NDArray x, boolean training) {
        return Dropout.dropout(x, dropout, training).head();
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape hidden = inputShapes[0];
        for (var child : getChildren().values()) {
            child.initialize(manager, dataType, hidden);
        }
    }
}
