package io.semrec.artifact;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/** Keeps artifacts inline in their {@code model_artifact} row: for small ones, which need no shared folder. */
public final class DatabaseArtifactStore implements ArtifactStore {

    @Override
    public void put(Connection connection, long catalogId, long modelId, String name, byte[] bytes)
            throws SQLException {
        ArtifactRow.insert(connection, catalogId, modelId, name, bytes, null, bytes.length, ArtifactRow.sha256(bytes));
    }

    @Override
    public Optional<byte[]> get(Connection connection, long modelId, String name) throws SQLException, IOException {
        Optional<ArtifactRow> row = ArtifactRow.find(connection, modelId, name);
        if (row.isEmpty() || row.get().bytes() == null) {
            return Optional.empty();
        }
        return Optional.of(row.get().verified(row.get().bytes(), modelId, name));
    }
}
