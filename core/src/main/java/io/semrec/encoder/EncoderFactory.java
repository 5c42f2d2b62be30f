package io.semrec.encoder;

import java.util.Map;

/**
 * Picks the sequence encoder that turns a history into a query vector for a model, by the model's
 * method. Methods without an encoder of their own are served by the parameter-free mean of their
 * item vectors, which is meaningful in any item space.
 */
public final class EncoderFactory {

    private static final SequenceEncoder MEAN = new MeanSequenceEncoder();

    private final Map<String, SequenceEncoder> byMethod;

    /** Only the mean encoder, for every method. */
    public EncoderFactory() {
        this(Map.of());
    }

    /** @param byMethod encoders of methods that have their own, keyed by method name */
    public EncoderFactory(Map<String, SequenceEncoder> byMethod) {
        this.byMethod = Map.copyOf(byMethod);
    }

    public SequenceEncoder forMethod(String method) {
        return byMethod.getOrDefault(method, MEAN);
    }
}
