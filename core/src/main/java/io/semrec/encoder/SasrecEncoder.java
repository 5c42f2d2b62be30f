package io.semrec.encoder;

import io.semrec.artifact.SafeTensors;
import io.semrec.encoder.SasrecWeights.Dense;
import io.semrec.encoder.SasrecWeights.Layer;
import io.semrec.encoder.SasrecWeights.Norm;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * SASRec's forward pass in plain Java, for serving: the history's item vectors (the model's
 * published, tied item embeddings) go in, the query vector for a dot-product search comes out.
 * Computes exactly what the training worker's network computes in evaluation mode, for the last
 * position only. Thread-safe: every call works in its own buffers.
 */
public final class SasrecEncoder implements SequenceEncoder {

    /** The model artifact a published SASRec model keeps its encoder file in. */
    public static final String ARTIFACT = "encoder.safetensors";

    private final SasrecWeights weights;
    private final int dim;
    private final int headDim;
    private final float attentionScale;
    private final List<Block> blocks;

    public SasrecEncoder(SasrecWeights weights) {
        this.weights = weights;
        this.blocks = weights.layers().stream().map(Block::new).toList();
        this.dim = weights.dim();
        this.headDim = dim / weights.heads();
        this.attentionScale = (float) (1.0 / Math.sqrt(headDim));
    }

    /** Loads an encoder file as the training worker writes it ({@link SasrecWeights#toSafeTensors()}). */
    public static SasrecEncoder read(byte[] encoderFile) throws IOException {
        return new SasrecEncoder(SasrecWeights.fromSafeTensors(SafeTensors.read(encoderFile)));
    }

    public SasrecWeights weights() {
        return weights;
    }

    /** Encodes the most recent {@code maxHistory} items of {@code history}. */
    @Override
    public float[] encode(List<float[]> history) {
        if (history.isEmpty()) {
            throw new IllegalArgumentException("history is empty");
        }
        int length = Math.min(history.size(), weights.maxHistory());
        Buffers buffers = new Buffers(length, dim, blocks.get(0).feedForwardInner().outputs);
        embed(history.subList(history.size() - length, history.size()), buffers.state);
        for (int l = 0; l < blocks.size(); l++) {
            // Only the last position is read at the end, so the last block computes just that row.
            int firstRow = l == blocks.size() - 1 ? length - 1 : 0;
            applyLayer(blocks.get(l), buffers, length, firstRow);
        }
        float[] query = new float[dim];
        layerNorm(weights.finalNorm(), buffers.state, length - 1, query, 0);
        return query;
    }

    /** Scaled item vectors plus positions; the sequence is right-aligned, so the newest item is at the last position. */
    private void embed(List<float[]> items, float[] state) {
        float scale = weights.inputScale();
        float[] positions = weights.positionEmbedding();
        int positionOffset = (weights.maxHistory() - items.size()) * dim;
        for (int t = 0; t < items.size(); t++) {
            float[] item = items.get(t);
            if (item.length != dim) {
                throw new IllegalArgumentException("item vector has width " + item.length + ", model has " + dim);
            }
            int row = t * dim;
            for (int i = 0; i < dim; i++) {
                state[row + i] = item[i] * scale + positions[positionOffset + row + i];
            }
        }
    }

    private void applyLayer(Block layer, Buffers b, int length, int firstRow) {
        layerNormRows(layer.attentionNorm(), b.state, 0, length, b.normed);
        dense(layer.key(), b.normed, 0, length, b.keys);
        dense(layer.value(), b.normed, 0, length, b.values);
        dense(layer.query(), b.normed, firstRow, length, b.queries);
        attend(b, firstRow, length);
        dense(layer.output(), b.mixed, firstRow, length, b.projected);
        addRows(b.projected, b.state, firstRow, length);

        layerNormRows(layer.feedForwardNorm(), b.state, firstRow, length, b.normed);
        dense(layer.feedForwardInner(), b.normed, firstRow, length, b.hidden);
        relu(b.hidden, firstRow * b.hiddenWidth, length * b.hiddenWidth);
        dense(layer.feedForwardOuter(), b.hidden, firstRow, length, b.projected);
        addRows(b.projected, b.state, firstRow, length);
    }

    /** Causal multi-head attention: position t attends to positions 0..t. */
    private void attend(Buffers b, int firstRow, int length) {
        float[] scores = b.scores;
        for (int t = firstRow; t < length; t++) {
            for (int head = 0; head < weights.heads(); head++) {
                int column = head * headDim;
                int queryAt = t * dim + column;
                for (int j = 0; j <= t; j++) {
                    scores[j] = VectorMath.dot(b.queries, queryAt, b.keys, j * dim + column, headDim);
                }
                VectorMath.scaledSoftmax(scores, t + 1, attentionScale);
                Arrays.fill(b.mixed, queryAt, queryAt + headDim, 0f);
                VectorMath.addWeightedRows(scores, 0, t + 1, b.values, column, dim, headDim, b.mixed, queryAt);
            }
        }
    }

    private void layerNormRows(Norm norm, float[] in, int fromRow, int toRow, float[] out) {
        for (int row = fromRow; row < toRow; row++) {
            layerNorm(norm, in, row, out, row * dim);
        }
    }

    private void layerNorm(Norm norm, float[] in, int row, float[] out, int outAt) {
        VectorMath.layerNorm(in, row * dim, out, outAt, dim, norm.weight(), norm.bias(), weights.layerNormEpsilon());
    }

    /** {@code out[row] = in[row] W^T + b} for rows {@code fromRow..toRow-1}; rows keep their index. */
    private static void dense(Affine layer, float[] in, int fromRow, int toRow, float[] out) {
        VectorMath.matmul(in, layer.inputs, fromRow, toRow, layer.transposed, layer.bias, layer.outputs, 0,
                layer.outputs, out);
    }

    private void addRows(float[] delta, float[] state, int fromRow, int toRow) {
        for (int i = fromRow * dim; i < toRow * dim; i++) {
            state[i] += delta[i];
        }
    }

    private static void relu(float[] values, int from, int to) {
        for (int i = from; i < to; i++) {
            values[i] = Math.max(values[i], 0f);
        }
    }

    /** A dense layer with its weight stored transposed, {@code [inputs][outputs]}. */
    private static final class Affine {
        final float[] transposed;
        final float[] bias;
        final int inputs;
        final int outputs;

        Affine(Dense dense) {
            inputs = dense.inputs();
            outputs = dense.outputs();
            bias = dense.bias();
            transposed = VectorMath.transpose(dense.weight(), outputs, inputs);
        }
    }

    /** A block's weights in the layout the loops read. */
    private record Block(Norm attentionNorm, Affine query, Affine key, Affine value, Affine output,
            Norm feedForwardNorm, Affine feedForwardInner, Affine feedForwardOuter) {

        Block(Layer layer) {
            this(layer.attentionNorm(), new Affine(layer.query()), new Affine(layer.key()), new Affine(layer.value()),
                    new Affine(layer.output()), layer.feedForwardNorm(), new Affine(layer.feedForwardInner()),
                    new Affine(layer.feedForwardOuter()));
        }
    }

    /** Per-call working memory: one row per history position. */
    private static final class Buffers {
        final int hiddenWidth;
        final float[] state;
        final float[] normed;
        final float[] queries;
        final float[] keys;
        final float[] values;
        final float[] mixed;
        final float[] projected;
        final float[] hidden;
        final float[] scores;

        Buffers(int length, int dim, int hiddenWidth) {
            this.hiddenWidth = hiddenWidth;
            state = new float[length * dim];
            normed = new float[length * dim];
            queries = new float[length * dim];
            keys = new float[length * dim];
            values = new float[length * dim];
            mixed = new float[length * dim];
            projected = new float[length * dim];
            hidden = new float[length * hiddenWidth];
            scores = new float[length];
        }
    }
}
