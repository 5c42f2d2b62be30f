package io.semrec.encoder;

import io.semrec.artifact.ArtifactLookup;
import io.semrec.training.spec.PopularityParameters;
import io.semrec.training.spec.RecformerParameters;
import io.semrec.training.spec.SaidParameters;
import io.semrec.training.spec.SasrecParameters;
import io.semrec.training.spec.TextKnnParameters;
import java.io.IOException;
import java.sql.SQLException;
import java.util.Map;

/**
 * Picks the sequence encoder that turns a history into a query vector for a model, by the model's
 * method and what it stored: SASRec's, SAID's and Recformer's are read from their encoder artifacts (SAID's by its
 * {@code downstream}, behind {@link OutputBiasEncoder} when it learned output biases; Recformer's reads the
 * history's items by id, under the model's serving token budget), text-knn's takes the decay
 * it was trained with, popularity asks a constant query. Methods without an encoder of their own
 * (uploaded vectors) are served by the parameter-free mean of their item vectors, which is
 * meaningful in any item space.
 */
public final class EncoderFactory {

    private static final SequenceEncoder MEAN = new MeanSequenceEncoder();
    /** Popularity's item vectors are {@code [log(1 + count)]}: a dot product with 1 ranks by count. */
    private static final SequenceEncoder POPULARITY = new ConstantQueryEncoder(new float[] {1});

    private EncoderFactory() {
    }

    /**
     * @param params the model's stored parameters (the resolved ones a training job recorded)
     * @param artifacts the files the training worker stored with the model; read only by learned encoders
     * @throws IOException if a learned encoder's artifact is missing or malformed
     */
    public static SequenceEncoder forModel(String method, Map<String, ?> params, ArtifactLookup artifacts)
            throws SQLException, IOException {
        return switch (method) {
            case SasrecParameters.METHOD -> SasrecEncoder.read(artifacts.require(SasrecEncoder.ARTIFACT, method));
            case SaidParameters.METHOD -> said(params, artifacts.require(SaidGruEncoder.ARTIFACT, method));
            // One thread per request: concurrent requests already keep the cores busy.
            case RecformerParameters.METHOD -> RecformerEncoder.read(artifacts.require(RecformerEncoder.ARTIFACT, method),
                    RecformerParameters.SPEC.resolve(params).getInt(RecformerParameters.SERVING_TOKEN_BUDGET), 1);
            case TextKnnParameters.METHOD -> new RecencyWeightedMeanEncoder(
                    TextKnnParameters.SPEC.resolve(params).getDouble(TextKnnParameters.DECAY));
            case PopularityParameters.METHOD -> POPULARITY;
            default -> MEAN;
        };
    }

    private static SequenceEncoder said(Map<String, ?> params, byte[] encoderArtifact) throws IOException {
        var resolved = SaidParameters.SPEC.resolve(params);
        SequenceEncoder downstream = SaidParameters.GRU.equals(resolved.getString(SaidParameters.DOWNSTREAM))
                ? SaidGruEncoder.read(encoderArtifact)
                : SasrecEncoder.read(encoderArtifact);
        return resolved.getBoolean(SaidParameters.OUTPUT_BIAS) ? new OutputBiasEncoder(downstream) : downstream;
    }
}
