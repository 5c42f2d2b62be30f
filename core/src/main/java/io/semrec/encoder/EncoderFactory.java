package io.semrec.encoder;

import io.semrec.training.spec.SasrecParameters;
import java.io.IOException;
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

    /**
     * The encoder of one model: methods that learn their encoder (SASRec) are read from the model's
     * encoder artifact; the others as {@link #forMethod}.
     *
     * @param encoderArtifact the encoder file the training worker wrote; ignored by methods without one
     * @throws IOException if a learned encoder's artifact is missing or malformed
     */
    public SequenceEncoder forModel(String method, byte[] encoderArtifact) throws IOException {
        if (!SasrecParameters.METHOD.equals(method)) {
            return forMethod(method);
        }
        if (encoderArtifact == null) {
            throw new IOException("a " + method + " model needs its encoder artifact");
        }
        return SasrecEncoder.read(encoderArtifact);
    }
}
