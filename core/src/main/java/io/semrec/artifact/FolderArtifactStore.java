package io.semrec.artifact;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Keeps artifacts as files under a folder that the worker and every app replica share
 * ({@code semrec.artifacts.dir}), for large ones; the {@code model_artifact} row names the file. A
 * publish that rolls back leaves its file behind, unreferenced.
 */
public final class FolderArtifactStore implements ArtifactStore {

    private final Path root;

    public FolderArtifactStore(Path root) {
        this.root = root;
    }

    @Override
    public void put(Connection connection, long catalogId, long modelId, String name, byte[] bytes)
            throws SQLException, IOException {
        String location = catalogId + "/" + modelId + "/" + name;
        Path file = root.resolve(location);
        Files.createDirectories(file.getParent());
        // Written aside and moved, so a reader never sees half a file.
        Path partial = Files.createTempFile(file.getParent(), name, ".partial");
        Files.write(partial, bytes);
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        ArtifactRow.insert(connection, catalogId, modelId, name, null, location, bytes.length,
                ArtifactRow.sha256(bytes));
    }

    @Override
    public Optional<byte[]> get(Connection connection, long modelId, String name) throws SQLException, IOException {
        Optional<ArtifactRow> row = ArtifactRow.find(connection, modelId, name);
        if (row.isEmpty() || row.get().location() == null) {
            return Optional.empty();
        }
        return Optional.of(row.get().verified(Files.readAllBytes(root.resolve(row.get().location())), modelId, name));
    }
}
