package io.semrec.training.sasrec;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import io.semrec.encoder.SasrecWeights;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Copies a trained network out of DJL into the plain-Java form that serving runs. */
final class SasrecExport {

    private SasrecExport() {
    }

    static SasrecWeights weights(SasrecModel model) {
        SasrecNetwork network = model.network();
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

    /** The item table without its padding row: {@code [item index][dim]}. */
    static float[][] itemVectors(SasrecModel model) {
        SasrecNetwork network = model.network();
        float[] table = network.itemTable.getArray().toFloatArray();
        int dim = network.dim();
        float[] items = Arrays.copyOfRange(table, dim, table.length);
        return SasrecModel.rows(items, network.itemCount(), dim);
    }

    private static SasrecWeights.Norm norm(LayerNorm norm) {
        return new SasrecWeights.Norm(values(norm, "gamma"), values(norm, "beta"));
    }

    private static SasrecWeights.Dense dense(Linear linear) {
        Parameter weight = linear.getParameters().get("weight");
        long[] shape = weight.getShape().getShape();
        return new SasrecWeights.Dense(weight.getArray().toFloatArray(), values(linear, "bias"),
                Math.toIntExact(shape[0]), Math.toIntExact(shape[1]));
    }

    private static float[] values(Block block, String parameter) {
        return block.getParameters().get(parameter).getArray().toFloatArray();
    }
}
