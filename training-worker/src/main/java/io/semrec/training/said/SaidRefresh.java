package io.semrec.training.said;

import io.semrec.artifact.SafeTensors;
import io.semrec.artifact.Tensor;
import io.semrec.training.ProgressReporter;
import io.semrec.training.data.ItemTable;
import io.semrec.training.lm.CausalLm;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The cold-start refresh of a SAID model: new items get projector rows of their own, trained with
 * stage 1's loss while the LM, the MLP and every existing row stay fixed; their embeddings go through
 * the model's learned stage-2 map, so their vectors live in the published space and the downstream
 * model serves them unchanged.
 */
final class SaidRefresh {

    private final SaidParams params;
    private final SafeTensors map;
    private final int dim;
    private final int width;

    /** @param mapFile the base model's {@value FrozenItemFeatures#MAP_ARTIFACT} */
    SaidRefresh(SaidParams params, byte[] mapFile) throws IOException {
        this.params = params;
        this.map = SafeTensors.read(mapFile);
        long[] shape = map.require(FrozenItemFeatures.MAP_WEIGHT).shape();
        this.dim = Math.toIntExact(shape[0]);
        this.width = Math.toIntExact(shape[1]);
    }

    /**
     * Stage-1 embeddings of new items, from a projector whose MLP is the base model's.
     *
     * @param texts each new item's text tokens
     */
    float[][] embed(CausalLm lm, ProjectorWeights projector, long[][] texts, ProgressReporter progress) {
        try (SaidStage1 stage1 = new SaidStage1(lm, texts.length, params, progress, projector)) {
            stage1.train(texts);
            return stage1.embeddings(texts.length);
        }
    }

    /**
     * The published vector of a stage-1 embedding: {@code W standardised(e) + b}, and when the model learned output
     * biases, {@code bias} as the last component.
     */
    float[] vector(float[] embedding, float bias) {
        if (embedding.length != width) {
            throw new IllegalArgumentException("embedding of width " + embedding.length + ", map takes " + width);
        }
        float[] mean = map.require(FrozenItemFeatures.FEATURE_MEAN).toFloats();
        float[] scale = map.require(FrozenItemFeatures.FEATURE_SCALE).toFloats();
        float[] weight = map.require(FrozenItemFeatures.MAP_WEIGHT).toFloats();
        float[] shift = map.require(FrozenItemFeatures.MAP_BIAS).toFloats();
        float[] standardized = new float[width];
        for (int i = 0; i < width; i++) {
            standardized[i] = (embedding[i] - mean[i]) * scale[i];
        }
        float[] vector = new float[params.outputBias() ? dim + 1 : dim];
        for (int o = 0; o < dim; o++) {
            float sum = shift[o];
            for (int i = 0; i < width; i++) {
                sum += weight[o * width + i] * standardized[i];
            }
            vector[o] = sum;
        }
        if (params.outputBias()) {
            vector[dim] = bias;
        }
        return vector;
    }

    /** A new item's output bias: the mean of the base items' (the last component of their vectors). */
    static float meanBias(float[][] baseVectors) {
        double sum = 0;
        int count = 0;
        for (float[] vector : baseVectors) {
            if (vector != null) {
                sum += vector[vector.length - 1];
                count++;
            }
        }
        return count == 0 ? 0 : (float) (sum / count);
    }

    /** The base embeddings artifact's rows by internal item id. */
    static Map<Long, float[]> embeddingsById(byte[] embeddingsFile) throws IOException {
        SafeTensors file = SafeTensors.read(embeddingsFile);
        Tensor vectors = file.require("item_vectors");
        long[] ids = file.require("item_ids").toLongs();
        int rowWidth = Math.toIntExact(vectors.shape()[1]);
        float[] flat = vectors.toFloats();
        Map<Long, float[]> rows = new HashMap<>(ids.length * 2);
        for (int r = 0; r < ids.length; r++) {
            float[] row = new float[rowWidth];
            System.arraycopy(flat, r * rowWidth, row, 0, rowWidth);
            rows.put(ids[r], row);
        }
        return rows;
    }

    /** Every item's embedding in dataset order: the base's where it has one, else the new one. */
    static float[][] allEmbeddings(ItemTable items, Map<Long, float[]> base, Map<Integer, float[]> added) {
        float[][] rows = new float[items.size()][];
        for (int item = 0; item < rows.length; item++) {
            rows[item] = added.containsKey(item) ? added.get(item) : base.get(items.internalId(item));
        }
        return rows;
    }
}
