package io.semrec.serving;

import io.semrec.artifact.ArtifactStore;
import io.semrec.encoder.EncoderFactory;
import io.semrec.encoder.SasrecEncoder;
import io.semrec.encoder.SequenceEncoder;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

/**
 * The query encoder of a model ({@link EncoderFactory}), with the encoder artifact read from the
 * {@link ArtifactStore} for methods that learn their encoder. Built when the model's vectors are
 * loaded, and cached with them by model id.
 */
@ApplicationScoped
public class ModelEncoders {

    private final ArtifactStore artifacts;

    ModelEncoders(ArtifactStore artifacts) {
        this.artifacts = artifacts;
    }

    SequenceEncoder forModel(Connection connection, long modelId, String method, Map<String, Object> params)
            throws SQLException, IOException {
        byte[] encoder = EncoderFactory.needsArtifact(method)
                ? artifacts.get(connection, modelId, SasrecEncoder.ARTIFACT).orElse(null)
                : null;
        return EncoderFactory.forModel(method, params, encoder);
    }
}
