package io.semrec.encoder;

import java.util.List;

/**
 * Ignores the history and returns a fixed query: the popularity model's encoder, whose one-wide item
 * vectors hold their popularity, so a dot product with {@code [1]} ranks items by it.
 */
public final class ConstantQueryEncoder implements SequenceEncoder {

    private final float[] query;

    public ConstantQueryEncoder(float[] query) {
        this.query = query.clone();
    }

    @Override
    public float[] encode(List<float[]> history) {
        if (history.isEmpty()) {
            throw new IllegalArgumentException("history is empty");
        }
        return query.clone();
    }
}
