package io.semrec.training.text;

import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import java.util.Map;

/** Registers DJL blocks' parameters under the names a Hugging Face BERT checkpoint uses. */
final class HuggingFaceNames {

    private HuggingFaceNames() {
    }

    static void linear(Map<String, Parameter> names, String prefix, Linear linear) {
        names.put(prefix + ".weight", linear.getParameters().get("weight"));
        names.put(prefix + ".bias", linear.getParameters().get("bias"));
    }

    static void layerNorm(Map<String, Parameter> names, String prefix, LayerNorm norm) {
        names.put(prefix + ".weight", norm.getParameters().get("gamma"));
        names.put(prefix + ".bias", norm.getParameters().get("beta"));
    }
}
