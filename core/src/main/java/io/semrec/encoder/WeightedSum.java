package io.semrec.encoder;

import java.util.List;

/** The one place encoders combine history vectors: a weighted sum with width checks. */
final class WeightedSum {

    private WeightedSum() {
    }

    /**
     * @param weights one per history vector
     * @throws IllegalArgumentException if the history is empty or widths differ
     */
    static float[] of(List<float[]> history, double[] weights) {
        if (history.isEmpty()) {
            throw new IllegalArgumentException("history is empty");
        }
        int dim = history.get(0).length;
        double[] sum = new double[dim];
        for (int h = 0; h < history.size(); h++) {
            float[] vector = history.get(h);
            if (vector.length != dim) {
                throw new IllegalArgumentException(
                        "history vectors differ in width: " + dim + " and " + vector.length);
            }
            for (int i = 0; i < dim; i++) {
                sum[i] += weights[h] * vector[i];
            }
        }
        float[] result = new float[dim];
        for (int i = 0; i < dim; i++) {
            result[i] = (float) sum[i];
        }
        return result;
    }
}
