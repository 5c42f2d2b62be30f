package io.semrec.encoder;

import java.util.List;

/** Parameter-free encoder: the arithmetic mean of the history's item vectors. */
public final class MeanSequenceEncoder implements SequenceEncoder {

    @Override
    public float[] encode(List<float[]> history) {
        if (history.isEmpty()) {
            throw new IllegalArgumentException("history is empty");
        }
        int dim = history.get(0).length;
        double[] sum = new double[dim];
        for (float[] vector : history) {
            if (vector.length != dim) {
                throw new IllegalArgumentException(
                        "history vectors differ in width: " + dim + " and " + vector.length);
            }
            for (int i = 0; i < dim; i++) {
                sum[i] += vector[i];
            }
        }
        float[] mean = new float[dim];
        for (int i = 0; i < dim; i++) {
            mean[i] = (float) (sum[i] / history.size());
        }
        return mean;
    }
}
