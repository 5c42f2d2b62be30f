package io.semrec.artifact;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The artifact store the worker and the app use: artifacts up to {@code inlineMaxBytes} go into the
 * database, larger ones into the artifacts folder when one is configured (else the database too).
 * Reads find an artifact wherever it was put.
 */
public final class ModelArtifacts implements ArtifactStore {

    private final DatabaseArtifactStore database = new DatabaseArtifactStore();
    private final Optional<FolderArtifactStore> folder;
    private final long inlineMaxBytes;

    public ModelArtifacts(Optional<Path> folder, long inlineMaxBytes) {
        this.folder = folder.map(FolderArtifactStore::new);
        this.inlineMaxBytes = inlineMaxBytes;
    }

    @Override
    public void put(Connection connection, long catalogId, long modelId, String name, byte[] bytes)
            throws SQLException, IOException {
        ArtifactStore store = bytes.length > inlineMaxBytes && folder.isPresent() ? folder.get() : database;
        store.put(connection, catalogId, modelId, name, bytes);
    }

    @Override
    public Optional<byte[]> get(Connection connection, long modelId, String name) throws SQLException, IOException {
        Optional<ArtifactRow> row = ArtifactRow.find(connection, modelId, name);
        if (row.isEmpty() || row.get().bytes() != null) {
            return database.get(connection, modelId, name);
        }
        if (folder.isEmpty()) {
            throw new IOException("artifact " + name + " of model " + modelId + " is a file in the artifacts folder, "
                    + "but no folder is configured (semrec.artifacts.dir)");
        }
        return folder.get().get(connection, modelId, name);
    }
}
