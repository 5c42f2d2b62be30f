package io.semrec.training.said;

import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import io.semrec.artifact.SafeTensors;
import io.semrec.artifact.Tensor;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A trained projector's weights, as the model artifact {@value #ARTIFACT}: {@code id_embedding}
 * {@code [items][idDim]} (rows in the model's item order) and each MLP layer's {@code weight}
 * {@code [out][in]} and {@code bias}, under {@code hidden<l>.} or {@code output.}. The refresh reuses
 * the MLP to embed new items.
 */
record ProjectorWeights(SafeTensors tensors) {

    static final String ARTIFACT = "said_projector.safetensors";
    static final String ID_EMBEDDING = "id_embedding";

    static ProjectorWeights of(SaidProjector projector) {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        put(tensors, ID_EMBEDDING, projector.idTable);
        for (int l = 0; l < projector.layers.size(); l++) {
            Linear layer = projector.layers.get(l);
            String name = layerName(projector, l);
            put(tensors, name + ".weight", layer.getParameters().get("weight"));
            put(tensors, name + ".bias", layer.getParameters().get("bias"));
        }
        return new ProjectorWeights(new SafeTensors(tensors, Map.of()));
    }

    static ProjectorWeights read(byte[] artifact) throws IOException {
        return new ProjectorWeights(SafeTensors.read(artifact));
    }

    byte[] toBytes() {
        return tensors.toBytes();
    }

    /** Copies the MLP's weights into {@code projector}, whose layer shapes must match. */
    void loadMlpInto(SaidProjector projector) {
        for (int l = 0; l < projector.layers.size(); l++) {
            Linear layer = projector.layers.get(l);
            String name = layerName(projector, l);
            layer.getParameters().get("weight").getArray().set(tensors.require(name + ".weight").toFloats());
            layer.getParameters().get("bias").getArray().set(tensors.require(name + ".bias").toFloats());
        }
    }

    private static String layerName(SaidProjector projector, int layer) {
        return layer == projector.layers.size() - 1 ? "output" : "hidden" + layer;
    }

    private static void put(Map<String, Tensor> tensors, String name, Parameter parameter) {
        tensors.put(name, Tensor.f32(parameter.getShape().getShape(), parameter.getArray().toFloatArray()));
    }
}
