package io.semrec.encoder;

import java.util.List;

/**
 * Weighted mean of the history's item vectors where the item of age {@code a} (0 = most recent)
 * weighs {@code decay^a}, so recent items dominate; the text-knn models' query encoder.
 */
public final class RecencyWeightedMeanEncoder implements SequenceEncoder {

    private final double decay;

    /**
     * @param decay in [0, 1]; 1 is the plain mean, 0 uses only the most recent item
     */
    public RecencyWeightedMeanEncoder(double decay) {
        if (!(decay >= 0 && decay <= 1)) {
            throw new IllegalArgumentException("decay must be in [0, 1], got " + decay);
        }
        this.decay = decay;
    }

    public double decay() {
        return decay;
    }

    /** The weight of each of {@code length} history positions, oldest first, summing to 1. */
    public double[] weights(int length) {
        double[] weights = new double[length];
        double weight = 1;
        double total = 0;
        for (int i = length - 1; i >= 0; i--) {
            weights[i] = weight;
            total += weight;
            weight *= decay;
        }
        for (int i = 0; i < length; i++) {
            weights[i] /= total;
        }
        return weights;
    }

    @Override
    public float[] encode(List<float[]> history) {
        return WeightedSum.of(history, weights(history.size()));
    }
}
