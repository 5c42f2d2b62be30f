package io.semrec.artifact;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Named files of a published model ({@code model_artifact}), written on the publishing
 * transaction's connection so they appear together with the model, and read when serving it.
 */
public interface ArtifactStore {

    /** Stores {@code bytes} as the model's artifact {@code name}; the caller's transaction commits it. */
    void put(Connection connection, long catalogId, long modelId, String name, byte[] bytes)
            throws SQLException, IOException;

    /**
     * The artifact's bytes, checked against their recorded SHA-256; empty when the model has none of
     * that name.
     */
    Optional<byte[]> get(Connection connection, long modelId, String name) throws SQLException, IOException;

    /** The names of the model's artifacts, wherever each is stored. */
    static List<String> names(Connection connection, long modelId) throws SQLException {
        return ArtifactRow.names(connection, modelId);
    }

    /** The model's artifacts, read on {@code connection} when asked for. */
    default ArtifactLookup of(Connection connection, long modelId) {
        return name -> get(connection, modelId, name);
    }
}
