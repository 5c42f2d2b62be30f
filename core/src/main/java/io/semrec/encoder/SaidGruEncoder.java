package io.semrec.encoder;

import io.semrec.artifact.SafeTensors;
import io.semrec.encoder.SasrecWeights.Dense;
import java.io.IOException;
import java.util.List;

/**
 * SAID's GRU downstream model in plain Java, for serving: runs a one-layer GRU from a zero state over
 * the history's item vectors (oldest first) and returns the last hidden state, the query of a
 * dot-product search. Computes what the training worker's network computes in evaluation mode.
 * Thread-safe: every call works in its own buffers.
 */
public final class SaidGruEncoder implements SequenceEncoder {

    /** The model artifact a published SAID model keeps its downstream encoder in. */
    public static final String ARTIFACT = SasrecEncoder.ARTIFACT;

    private final GruWeights weights;

    public SaidGruEncoder(GruWeights weights) {
        this.weights = weights;
    }

    public static SaidGruEncoder read(byte[] encoderFile) throws IOException {
        return new SaidGruEncoder(GruWeights.fromSafeTensors(SafeTensors.read(encoderFile)));
    }

    @Override
    public float[] encode(List<float[]> history) {
        if (history.isEmpty()) {
            throw new IllegalArgumentException("history is empty");
        }
        int dim = weights.dim();
        int length = Math.min(history.size(), weights.maxHistory());
        float[] state = new float[dim];
        float[] fromInput = new float[3 * dim];
        float[] fromState = new float[3 * dim];
        for (float[] item : history.subList(history.size() - length, history.size())) {
            if (item.length != dim) {
                throw new IllegalArgumentException("item vector has width " + item.length + ", model has " + dim);
            }
            affine(weights.input(), item, fromInput);
            affine(weights.hidden(), state, fromState);
            for (int i = 0; i < dim; i++) {
                float reset = sigmoid(fromInput[i] + fromState[i]);
                float update = sigmoid(fromInput[dim + i] + fromState[dim + i]);
                float candidate = (float) Math.tanh(fromInput[2 * dim + i] + reset * fromState[2 * dim + i]);
                state[i] = (1 - update) * candidate + update * state[i];
            }
        }
        return state;
    }

    /** {@code out = x W^T + b}. */
    private static void affine(Dense layer, float[] x, float[] out) {
        float[] weight = layer.weight();
        int inputs = layer.inputs();
        for (int o = 0; o < layer.outputs(); o++) {
            float sum = layer.bias()[o];
            int row = o * inputs;
            for (int i = 0; i < inputs; i++) {
                sum += weight[row + i] * x[i];
            }
            out[o] = sum;
        }
    }

    private static float sigmoid(float x) {
        return (float) (1 / (1 + Math.exp(-x)));
    }
}
