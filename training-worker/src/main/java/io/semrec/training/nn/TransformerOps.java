package io.semrec.training.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;

/** Transformer pieces the worker's models share: feature-axis layer norm, attention bias, multi-head attention, block application. */
public final class TransformerOps {

    /** Added to blocked scores: exp(-1e4) is 0 in float32, and -1e4 still fits float16 where dtype min would overflow sums. */
    public static final float MASKED_SCORE = -1e4f;

    private TransformerOps() {
    }

    /** LayerNorm over the features of (B,S,H); DJL's default would normalise over positions too and leak across them. */
    public static LayerNorm featureNorm(float epsilon) {
        return LayerNorm.builder().axis(2).optEpsilon(epsilon).build();
    }

    /**
     * Additive attention bias: 0 where a query may attend to a key, {@link #MASKED_SCORE} elsewhere.
     *
     * @param keep (B,S): nonzero for real tokens, zero for padding (padding keys are blocked)
     * @param causal also block every key after the query's own position
     * @return (B,1,1,S), or (B,1,S,S) when causal
     */
    public static NDArray attentionBias(NDArray keep, boolean causal, DataType dataType) {
        NDArray allowed = keep.toType(dataType, false).expandDims(1).expandDims(1);
        if (causal) {
            int length = (int) keep.getShape().get(1);
            NDArray positions = keep.getManager().arange(length);
            NDArray notAhead = positions.expandDims(1).gte(positions.expandDims(0)).toType(dataType, false);
            allowed = allowed.mul(notAhead);
        }
        return allowed.neg().add(1).mul(MASKED_SCORE);
    }

    /**
     * {@code softmax(Q K^T / sqrt(d) + bias) V} per head, heads concatenated, with dropout on the
     * attention weights.
     *
     * @param queries projected queries (B,S,H); {@code keys} and {@code values} likewise
     * @return (B,S,H)
     */
    public static NDArray multiHeadAttention(NDArray queries, NDArray keys, NDArray values, NDArray bias, int heads,
            float dropout, boolean training) {
        Shape shape = queries.getShape();
        long headSize = shape.get(2) / heads;
        NDArray scores = splitHeads(queries, heads).matMul(splitHeads(keys, heads).swapAxes(2, 3))
                .div(Math.sqrt(headSize)).add(bias);
        NDArray weights = Dropout.dropout(scores.softmax(-1), dropout, training).singletonOrThrow();
        return weights.matMul(splitHeads(values, heads)).swapAxes(1, 2).reshape(shape);
    }

    /** One input through a single-input, single-output block (a Linear, a norm). */
    public static NDArray apply(Block block, ParameterStore store, NDArray x, boolean training) {
        return block.forward(store, new NDList(x), training).singletonOrThrow();
    }

    /** (B,S,H) to (B,heads,S,H/heads). */
    private static NDArray splitHeads(NDArray x, int heads) {
        Shape shape = x.getShape();
        return x.reshape(shape.get(0), shape.get(1), heads, shape.get(2) / heads).swapAxes(1, 2);
    }
}
