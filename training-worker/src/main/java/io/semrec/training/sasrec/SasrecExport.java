package io.semrec.training.sasrec;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import io.semrec.encoder.SasrecWeights;
import java.util.ArrayList;
import java.util.List;

/** Copies a trained network out of DJL into the plain-Java form that serving runs. */
public final class SasrecExport {

    private SasrecExport() {
    }

    public static SasrecWeights weights(SasrecModel model) {
        SasrecNetwork network = (SasrecNetwork) model.network();
        List<SasrecWeights.Layer> layers = new ArrayList<>();
        for (SasrecLayer layer : network.layers) {
            layers.add(new SasrecWeights.Layer(
                    norm(layer.attentionNorm),
                    dense(layer.query),
                    dense(layer.key),
                    dense(layer.value),
                    dense(layer.output),
                    norm(layer.feedForwardNorm),
                    dense(layer.feedForwardInner),
                    dense(layer.feedForwardOuter)));
        }
        return new SasrecWeights(network.dim(), model.params().heads(), network.maxHistory(), network.inputScale(),
                SasrecNetwork.LAYER_NORM_EPSILON, network.positionTable.getArray().toFloatArray(), layers,
                norm(network.finalNorm));
    }

    /** The published item vectors: {@code [item index][width]}. */
    static float[][] itemVectors(SasrecModel model) {
        return model.network().items().publishedVectors();
    }

    private static SasrecWeights.Norm norm(LayerNorm norm) {
        return new SasrecWeights.Norm(values(norm, "gamma"), values(norm, "beta"));
    }

    /** A DJL linear layer as serving's dense layer. */
    public static SasrecWeights.Dense dense(Linear linear) {
        Parameter weight = linear.getParameters().get("weight");
        long[] shape = weight.getShape().getShape();
        return new SasrecWeights.Dense(weight.getArray().toFloatArray(), values(linear, "bias"),
                Math.toIntExact(shape[0]), Math.toIntExact(shape[1]));
    }

    private static float[] values(Block block, String parameter) {
        return block.getParameters().get(parameter).getArray().toFloatArray();
    }
}
