package io.semrec.encoder;

import java.util.Arrays;
import java.util.List;

/** Parameter-free encoder: the arithmetic mean of the history's item vectors. */
public final class MeanSequenceEncoder implements SequenceEncoder {

    @Override
    public float[] encode(List<float[]> history) {
        double[] weights = new double[history.size()];
        Arrays.fill(weights, 1.0 / history.size());
        return WeightedSum.of(history, weights);
    }
}
