package io.semrec.training.text;

import io.semrec.training.text.onnx.OnnxModel;
import io.semrec.training.text.onnx.OnnxNode;
import io.semrec.training.text.onnx.OnnxTensor;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Lifts the weights of a BERT model exported with {@code torch.onnx} into Hugging Face BERT naming.
 *
 * <p>The exporter keeps the module names of biases, embeddings and LayerNorms
 * ({@code encoder.layer.0.attention.self.query.bias}), but stores every linear weight transposed,
 * as the right operand [in, out] of a MatMul, under a generated name ({@code onnx::MatMul_787}).
 * Each such MatMul feeds one Add with its layer's bias, so the weight's name is the bias's name
 * with {@code .weight} and its value the [out, in] transpose. In all-MiniLM-L6-v2 this places the
 * 36 generated names on query/key/value, attention.output.dense, intermediate.dense and
 * output.dense of layers 0-5, in that order (onnx::MatMul_787 = layer 0 query, _788 key,
 * _791 value, _797 attention output, _798 intermediate, _799 output, _800 layer 1 query, ...).
 */
public final class OnnxBertWeights {

    private static final String GENERATED_PREFIX = "onnx::";
    private static final String BIAS_SUFFIX = ".bias";

    private OnnxBertWeights() {
    }

    /** Every float initializer of the graph by Hugging Face name; fails on one it cannot place. */
    public static Map<String, FloatTensor> read(OnnxModel model) {
        Map<String, OnnxTensor> initializers = model.initializers();
        Map<String, FloatTensor> weights = new LinkedHashMap<>();
        for (OnnxTensor tensor : initializers.values()) {
            if (tensor.dataType() == OnnxTensor.FLOAT && !tensor.name().startsWith(GENERATED_PREFIX)) {
                weights.put(tensor.name(), toFloatTensor(tensor));
            }
        }
        Set<String> placed = new HashSet<>();
        for (OnnxNode matMul : model.nodes()) {
            String weight = matMul.inputs().size() == 2 ? matMul.inputs().get(1) : "";
            if (matMul.opType().equals("MatMul") && weight.startsWith(GENERATED_PREFIX)) {
                String bias = biasAddedTo(model, matMul.outputs().get(0));
                FloatTensor inOut = toFloatTensor(initializers.get(weight));
                long outputs = initializers.get(bias).elementCount();
                if (inOut.shape().length != 2 || inOut.shape()[1] != outputs) {
                    throw new IllegalArgumentException("MatMul weight " + weight + " "
                            + Arrays.toString(inOut.shape()) + " does not match bias " + bias + " of " + outputs);
                }
                weights.put(bias.substring(0, bias.length() - BIAS_SUFFIX.length()) + ".weight", inOut.transposed());
                placed.add(weight);
            }
        }
        for (OnnxTensor tensor : initializers.values()) {
            if (tensor.dataType() == OnnxTensor.FLOAT && tensor.name().startsWith(GENERATED_PREFIX)
                    && !placed.contains(tensor.name())) {
                throw new IllegalArgumentException("cannot place ONNX initializer " + tensor.name()
                        + " " + Arrays.toString(tensor.dims()) + " on a BERT parameter");
            }
        }
        return weights;
    }

    /** The bias initializer of the one Add node that reads the MatMul's output. */
    private static String biasAddedTo(OnnxModel model, String matMulOutput) {
        return model.nodes().stream()
                .filter(n -> n.opType().equals("Add") && n.inputs().contains(matMulOutput))
                .flatMap(add -> add.inputs().stream())
                .filter(name -> name.endsWith(BIAS_SUFFIX) && model.initializers().containsKey(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "MatMul output " + matMulOutput + " is not added to a named bias"));
    }

    private static FloatTensor toFloatTensor(OnnxTensor tensor) {
        return new FloatTensor(tensor.dims(), tensor.floats());
    }
}
