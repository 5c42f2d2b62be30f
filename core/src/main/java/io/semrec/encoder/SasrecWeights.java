package io.semrec.encoder;

import io.semrec.artifact.SafeTensors;
import io.semrec.artifact.Tensor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A trained SASRec sequence encoder without its item table: the item vectors it reads are the
 * model's published item vectors (input and output embeddings are tied). Matrices are row-major
 * {@code [out][in]}, as in PyTorch's {@code Linear}: {@code y = x W^T + b}. Stored as a safetensors
 * file ({@link #toSafeTensors()}): the numbers in string metadata, every array as an F32 tensor.
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
        int feedForwardWidth = layers.get(0).feedForwardInner().outputs();
        for (Layer layer : layers) {
            layer.requireWidth(dim);
            if (layer.feedForwardInner().outputs() != feedForwardWidth) {
                throw new IllegalArgumentException("layers differ in feed-forward width");
            }
        }
    }

    /** Metadata key and value that mark a SASRec encoder file. */
    public static final String FORMAT_KEY = "format";
    public static final String FORMAT = "semrec.sasrec.v1";

    public SafeTensors toSafeTensors() {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put(FORMAT_KEY, FORMAT);
        metadata.put("dim", Integer.toString(dim));
        metadata.put("heads", Integer.toString(heads));
        metadata.put("max_history", Integer.toString(maxHistory));
        metadata.put("layers", Integer.toString(layers.size()));
        metadata.put("input_scale", Float.toString(inputScale));
        metadata.put("layer_norm_epsilon", Float.toString(layerNormEpsilon));
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("position_embedding", Tensor.f32(new long[] {maxHistory, dim}, positionEmbedding));
        for (int l = 0; l < layers.size(); l++) {
            Layer layer = layers.get(l);
            String prefix = "layers." + l + ".";
            layer.attentionNorm.putInto(tensors, prefix + "attention_norm");
            layer.query.putInto(tensors, prefix + "attention.query");
            layer.key.putInto(tensors, prefix + "attention.key");
            layer.value.putInto(tensors, prefix + "attention.value");
            layer.output.putInto(tensors, prefix + "attention.output");
            layer.feedForwardNorm.putInto(tensors, prefix + "feed_forward_norm");
            layer.feedForwardInner.putInto(tensors, prefix + "feed_forward.inner");
            layer.feedForwardOuter.putInto(tensors, prefix + "feed_forward.outer");
        }
        finalNorm.putInto(tensors, "final_norm");
        return new SafeTensors(tensors, metadata);
    }

    /**
     * @throws IOException if the file is not a SASRec encoder or its tensors do not fit its metadata
     */
    public static SasrecWeights fromSafeTensors(SafeTensors file) throws IOException {
        Map<String, String> metadata = file.metadata();
        if (!FORMAT.equals(metadata.get(FORMAT_KEY))) {
            throw new IOException("not a SASRec encoder: " + FORMAT_KEY + " is " + metadata.get(FORMAT_KEY));
        }
        try {
            int layerCount = Integer.parseInt(metadata.get("layers"));
            List<Layer> layers = new ArrayList<>(layerCount);
            for (int l = 0; l < layerCount; l++) {
                String prefix = "layers." + l + ".";
                layers.add(new Layer(
                        Norm.from(file, prefix + "attention_norm"),
                        Dense.from(file, prefix + "attention.query"),
                        Dense.from(file, prefix + "attention.key"),
                        Dense.from(file, prefix + "attention.value"),
                        Dense.from(file, prefix + "attention.output"),
                        Norm.from(file, prefix + "feed_forward_norm"),
                        Dense.from(file, prefix + "feed_forward.inner"),
                        Dense.from(file, prefix + "feed_forward.outer")));
            }
            return new SasrecWeights(
                    Integer.parseInt(metadata.get("dim")),
                    Integer.parseInt(metadata.get("heads")),
                    Integer.parseInt(metadata.get("max_history")),
                    Float.parseFloat(metadata.get("input_scale")),
                    Float.parseFloat(metadata.get("layer_norm_epsilon")),
                    file.require("position_embedding").toFloats(),
                    layers,
                    Norm.from(file, "final_norm"));
        } catch (IllegalArgumentException | NullPointerException | IllegalStateException e) {
            throw new IOException("malformed SASRec encoder: " + e.getMessage(), e);
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

        void putInto(Map<String, Tensor> tensors, String name) {
            tensors.put(name + ".weight", Tensor.f32(new long[] {weight.length}, weight));
            tensors.put(name + ".bias", Tensor.f32(new long[] {bias.length}, bias));
        }

        static Norm from(SafeTensors file, String name) {
            return new Norm(file.require(name + ".weight").toFloats(), file.require(name + ".bias").toFloats());
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

        void putInto(Map<String, Tensor> tensors, String name) {
            tensors.put(name + ".weight", Tensor.f32(new long[] {outputs, inputs}, weight));
            tensors.put(name + ".bias", Tensor.f32(new long[] {outputs}, bias));
        }

        static Dense from(SafeTensors file, String name) {
            Tensor weight = file.require(name + ".weight");
            long[] shape = weight.shape();
            if (shape.length != 2) {
                throw new IllegalArgumentException(name + ".weight is not a matrix");
            }
            return new Dense(weight.toFloats(), file.require(name + ".bias").toFloats(),
                    Math.toIntExact(shape[0]), Math.toIntExact(shape[1]));
        }
    }

    private static void requireLength(String what, float[] values, int length) {
        if (values.length != length) {
            throw new IllegalArgumentException(what + " has " + values.length + " values, expected " + length);
        }
    }
}
