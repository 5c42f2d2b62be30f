package io.semrec.training.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.norm.Dropout;

/**
 * Longformer's self-attention with one global token, the first (CLS), computed in blocks so the cost
 * grows linearly with the sequence length; no (T,T) array is ever built.
 *
 * <p>Semantics (as in Hugging Face's {@code LongformerSelfAttention}): every token {@code i > 0}
 * attends, with the local projections, to the tokens {@code j} with {@code |i - j| <= oneSided} (a
 * window of {@code 2 * oneSided + 1}, Hugging Face's {@code attention_window = 2 * oneSided}) plus
 * the global token, counted once even when it lies inside the window. The global token attends to
 * every token with the separate global projections. Padding keys are blocked everywhere.
 *
 * <p>Blocks: the sequence is cut into blocks of {@code oneSided} tokens; the queries of block
 * {@code b} score the keys of blocks {@code b-1, b, b+1} (3 blocks, zero-padded at the ends), and a
 * constant band mask keeps exactly the window. Work and memory are {@code O(T * 3 * oneSided)}.
 */
public final class LongformerAttention {

    private LongformerAttention() {
    }

    /**
     * @param queries local projections (B,T,H); {@code keys} and {@code values} likewise
     * @param globalQuery the global query projection of the first token only (B,1,H)
     * @param globalKeys global key projection of every token (B,T,H); {@code globalValues} likewise
     * @param keyBias additive key bias (B,1,1,T): 0 for real tokens, {@link TransformerOps#MASKED_SCORE} for padding
     * @param oneSided tokens seen on each side; at least 1
     * @return (B,T,H): row 0 from global attention, the others from windowed attention
     */
    public static NDArray attend(NDArray queries, NDArray keys, NDArray values, NDArray globalQuery,
            NDArray globalKeys, NDArray globalValues, NDArray keyBias, int heads, int oneSided, float dropout,
            boolean training) {
        if (oneSided < 1) {
            throw new IllegalArgumentException("one-sided window must be at least 1, got " + oneSided);
        }
        Shape shape = queries.getShape();
        long length = shape.get(1);
        double scale = 1.0 / Math.sqrt(shape.get(2) / (double) heads);
        NDArray global = globalRow(globalQuery, globalKeys, globalValues, keyBias, heads, scale, dropout, training);
        if (length == 1) {
            return global;
        }
        NDArray local = localRows(queries, keys, values, keyBias, heads, oneSided, scale, dropout, training);
        return global.concat(local.get(new NDIndex(":, 1:")), 1);
    }

    /** (B,1,H): the first token's attention over all real tokens with the global projections. */
    private static NDArray globalRow(NDArray query, NDArray keys, NDArray values, NDArray keyBias, int heads,
            double scale, float dropout, boolean training) {
        NDArray scores = TransformerOps.splitHeads(query, heads)
                .matMul(TransformerOps.splitHeads(keys, heads).swapAxes(2, 3)).mul(scale).add(keyBias);
        NDArray weights = Dropout.dropout(scores.softmax(-1), dropout, training).singletonOrThrow();
        return mergeHeads(weights.matMul(TransformerOps.splitHeads(values, heads)));
    }

    /** (B,T,H): each token over its window (global token left out) plus the global token. */
    private static NDArray localRows(NDArray queries, NDArray keys, NDArray values, NDArray keyBias, int heads,
            int oneSided, double scale, float dropout, boolean training) {
        NDManager manager = queries.getManager();
        Shape shape = queries.getShape();
        long batch = shape.get(0);
        long length = shape.get(1);
        long blocks = (length + oneSided - 1) / oneSided;
        long padded = blocks * oneSided;

        NDArray q = blocked(TransformerOps.splitHeads(queries, heads), 0, padded - length, oneSided);
        NDArray k = TransformerOps.splitHeads(keys, heads);
        NDArray v = TransformerOps.splitHeads(values, heads);
        // (B,h,nb,3s,d): the keys and values of the blocks before, at and after each query block.
        NDArray keyContext = neighbourhood(blocked(k, oneSided, padded - length + oneSided, oneSided));
        NDArray valueContext = neighbourhood(blocked(v, oneSided, padded - length + oneSided, oneSided));

        // Keys: padding and the global token (scored separately below) are out of the window.
        NDArray bias = keyBias.reshape(batch, 1, 1, length);
        NDArray notGlobal = manager.zeros(new Shape(1, 1, 1, length), bias.getDataType());
        notGlobal.set(new NDIndex(":, :, :, 0"), TransformerOps.MASKED_SCORE);
        NDArray localKeyBias = padKeys(bias.add(notGlobal), oneSided, padded - length + oneSided);
        NDArray contextBias = neighbourhood(localKeyBias.reshape(batch, 1, blocks + 2, oneSided, 1))
                .reshape(batch, 1, blocks, 1, 3L * oneSided);
        NDArray scores = q.matMul(keyContext.swapAxes(3, 4)).mul(scale)
                .add(contextBias).add(bandBias(manager, oneSided, bias));

        NDArray globalKey = k.get(new NDIndex(":, :, 0:1")).expandDims(2);
        NDArray globalValue = v.get(new NDIndex(":, :, 0:1")).expandDims(2);
        NDArray globalScores = q.matMul(globalKey.swapAxes(3, 4)).mul(scale)
                .add(bias.get(new NDIndex(":, :, :, 0:1")).expandDims(2));

        NDArray weights = globalScores.concat(scores, -1).softmax(-1);
        weights = Dropout.dropout(weights, dropout, training).singletonOrThrow();
        NDArray mixed = weights.get(new NDIndex("..., 1:")).matMul(valueContext)
                .add(weights.get(new NDIndex("..., 0:1")).mul(globalValue));
        Shape headShape = k.getShape();
        NDArray rows = mixed.reshape(batch, headShape.get(1), padded, headShape.get(3))
                .get(new NDIndex(":, :, 0:{}", length));
        return mergeHeads(rows);
    }

    /** (1,1,1,s,3s): 0 where key {@code c} of the 3 neighbouring blocks is within the window of query {@code a}. */
    private static NDArray bandBias(NDManager manager, int oneSided, NDArray like) {
        int width = 3 * oneSided;
        float[] band = new float[oneSided * width];
        for (int a = 0; a < oneSided; a++) {
            for (int c = 0; c < width; c++) {
                // Key c sits at relative offset c - oneSided - a from query a.
                band[a * width + c] = Math.abs(c - oneSided - a) <= oneSided ? 0f : TransformerOps.MASKED_SCORE;
            }
        }
        return manager.create(band, new Shape(1, 1, 1, oneSided, width)).toType(like.getDataType(), false);
    }

    /** (B,h,T,d) padded with zeros, {@code before} and {@code after} rows, into blocks (B,h,nb,s,d). */
    private static NDArray blocked(NDArray x, long before, long after, int oneSided) {
        Shape shape = x.getShape();
        NDList parts = new NDList();
        if (before > 0) {
            parts.add(x.getManager().zeros(new Shape(shape.get(0), shape.get(1), before, shape.get(3)), x.getDataType()));
        }
        parts.add(x);
        if (after > 0) {
            parts.add(x.getManager().zeros(new Shape(shape.get(0), shape.get(1), after, shape.get(3)), x.getDataType()));
        }
        NDArray padded = parts.size() == 1 ? x : NDArrays.concat(parts, 2);
        long rows = padded.getShape().get(2);
        return padded.reshape(shape.get(0), shape.get(1), rows / oneSided, oneSided, shape.get(3));
    }

    /** Key bias (B,1,1,T) padded with blocked entries into (B,1,1,T') . */
    private static NDArray padKeys(NDArray bias, long before, long after) {
        Shape shape = bias.getShape();
        NDManager manager = bias.getManager();
        NDArray head = manager.full(new Shape(shape.get(0), 1, 1, before), TransformerOps.MASKED_SCORE, bias.getDataType());
        NDArray tail = manager.full(new Shape(shape.get(0), 1, 1, after), TransformerOps.MASKED_SCORE, bias.getDataType());
        return NDArrays.concat(new NDList(head, bias, tail), 3);
    }

    /** (B,h,nb+2,s,d) -> (B,h,nb,3s,d): for each block, the rows of its left neighbour, itself and its right neighbour. */
    private static NDArray neighbourhood(NDArray blocks) {
        long count = blocks.getShape().get(2) - 2;
        return NDArrays.concat(new NDList(
                blocks.get(new NDIndex(":, :, 0:{}", count)),
                blocks.get(new NDIndex(":, :, 1:{}", count + 1)),
                blocks.get(new NDIndex(":, :, 2:{}", count + 2))), 3);
    }

    /** (B,heads,T,d) to (B,T,heads*d). */
    private static NDArray mergeHeads(NDArray x) {
        Shape shape = x.getShape();
        return x.swapAxes(1, 2).reshape(shape.get(0), shape.get(2), shape.get(1) * shape.get(3));
    }
}
