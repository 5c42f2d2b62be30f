package io.semrec.encoder;

import java.util.List;

/**
 * A trained SASRec sequence encoder without its item table: the item vectors it reads are the
 * model's published item vectors (input and output embeddings are tied). Matrices are row-major
 * {@code [out][in]}, as in PyTorch's {@code Linear}: {@code y = x W^T + b}.
 *
 * @param dim width of item vectors and hidden states
 * @param heads attention heads; {@code dim} is a multiple of it
 * @param maxHistory the most recent items the encoder reads; also the number of positions
 * @param inputScale item vectors are multiplied by this before positions are added
 * @param layerNormEpsilon added to the variance in every layer norm
 * @param positionEmbedding {@code [maxHistory][dim]}; the most recent item sits at the last position
 * @param layers transformer blocks, input side first
 * @param finalNorm applied to the last block's output
 */
public record SasrecWeights(
        int dim,
        int heads,
        int maxHistory,
        float inputScale,
        float layerNormEpsilon,
        float[] positionEmbedding,
        List<Layer> layers,
        Norm finalNorm) {

    public SasrecWeights {
        layers = List.copyOf(layers);
        if (dim < 1 || heads < 1 || dim % heads != 0) {
            throw new IllegalArgumentException("dim " + dim + " must be a positive multiple of heads " + heads);
        }
        if (maxHistory < 1) {
            throw new IllegalArgumentException("maxHistory must be at least 1");
        }
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("a SASRec encoder has at least one layer");
        }
        requireLength("position embedding", positionEmbedding, maxHistory * dim);
        finalNorm.requireWidth(dim);
        for (Layer layer : layers) {
            layer.requireWidth(dim);
        }
    }

    /** A pre-norm transformer block: {@code x += attention(norm(x)); x += feedForward(norm(x))}. */
    public record Layer(
            Norm attentionNorm,
            Dense query,
            Dense key,
            Dense value,
            Dense output,
            Norm feedForwardNorm,
            Dense feedForwardInner,
            Dense feedForwardOuter) {

        void requireWidth(int dim) {
            attentionNorm.requireWidth(dim);
            feedForwardNorm.requireWidth(dim);
            for (Dense square : List.of(query, key, value, output)) {
                square.requireShape(dim, dim);
            }
            feedForwardInner.requireShape(feedForwardInner.outputs(), dim);
            feedForwardOuter.requireShape(dim, feedForwardInner.outputs());
        }
    }

    /** Layer norm over the feature axis: {@code (x - mean) / sqrt(var + eps) * weight + bias}. */
    public record Norm(float[] weight, float[] bias) {

        void requireWidth(int dim) {
            requireLength("layer norm weight", weight, dim);
            requireLength("layer norm bias", bias, dim);
        }
    }

    /** An affine map {@code y = x W^T + b} with {@code W} of shape {@code [outputs][inputs]}. */
    public record Dense(float[] weight, float[] bias, int outputs, int inputs) {

        public Dense {
            requireLength("weight", weight, outputs * inputs);
            requireLength("bias", bias, outputs);
        }

        void requireShape(int expectedOutputs, int expectedInputs) {
            if (outputs != expectedOutputs || inputs != expectedInputs) {
                throw new IllegalArgumentException("dense layer is " + outputs + "x" + inputs
                        + ", expected " + expectedOutputs + "x" + expectedInputs);
            }
        }
    }

    private static void requireLength(String what, float[] values, int length) {
        if (values.length != length) {
            throw new IllegalArgumentException(what + " has " + values.length + " values, expected " + length);
        }
    }
}
