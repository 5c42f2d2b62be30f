package io.semrec.encoder;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Serves item vectors that carry a learned per-item bias as their last dimension: the wrapped encoder
 * reads the vectors without it, and its query gets a constant 1 appended, so a dot product adds the
 * item's bias to the score.
 */
public final class OutputBiasEncoder implements SequenceEncoder {

    private final SequenceEncoder encoder;

    public OutputBiasEncoder(SequenceEncoder encoder) {
        this.encoder = encoder;
    }

    @Override
    public float[] encode(List<float[]> history) {
        List<float[]> withoutBias = new ArrayList<>(history.size());
        for (float[] item : history) {
            if (item.length < 2) {
                throw new IllegalArgumentException("item vector of width " + item.length + " has no bias dimension");
            }
            withoutBias.add(Arrays.copyOf(item, item.length - 1));
        }
        float[] query = encoder.encode(withoutBias);
        float[] withBias = Arrays.copyOf(query, query.length + 1);
        withBias[query.length] = 1;
        return withBias;
    }
}
