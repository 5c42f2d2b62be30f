package io.semrec.artifact;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.semrec.worker.TestDb;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Small artifacts inline in the database, large ones in the folder; both found again and checked. */
@QuarkusTest
class ModelArtifactsTest {

    private static final byte[] SMALL = {1, 2, 3};
    private static final byte[] LARGE = new byte[100];

    @Inject
    DataSource dataSource;

    @Test
    void smallGoInlineLargeGoToTheFolder(@TempDir Path folder) throws Exception {
        ModelArtifacts store = new ModelArtifacts(Optional.of(folder), 10);
        LARGE[42] = 7;
        long model = modelWith(store, Map.of("small.bin", SMALL, "large.bin", LARGE));

        assertEquals(Map.of("inline", true), new TestDb(dataSource).row(
                "SELECT location IS NULL AS inline FROM model_artifact WHERE model_id = ? AND name = 'small.bin'", model));
        try (Connection c = dataSource.getConnection()) {
            assertArrayEquals(SMALL, store.get(c, model, "small.bin").orElseThrow());
            assertArrayEquals(LARGE, store.get(c, model, "large.bin").orElseThrow());
            assertTrue(store.get(c, model, "absent.bin").isEmpty());
        }
        try (var files = Files.walk(folder)) {
            assertEquals(1, files.filter(Files::isRegularFile).count());
        }
    }

    @Test
    void aChangedFileIsRefusedAndAFolderArtifactNeedsTheFolder(@TempDir Path folder) throws Exception {
        ModelArtifacts store = new ModelArtifacts(Optional.of(folder), 10);
        long model = modelWith(store, Map.of("large.bin", LARGE));
        try (Connection c = dataSource.getConnection()) {
            assertThrows(IOException.class, () -> new ModelArtifacts(Optional.empty(), 10).get(c, model, "large.bin"));
            try (var files = Files.walk(folder)) {
                Path file = files.filter(Files::isRegularFile).findFirst().orElseThrow();
                Files.write(file, new byte[] {9});
            }
            assertThrows(IOException.class, () -> store.get(c, model, "large.bin"));
        }
    }

    private long modelWith(ArtifactStore store, Map<String, byte[]> artifacts) throws Exception {
        long catalog = new TestDb(dataSource).catalog();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            long model = TestDb.model(c, catalog, null, 0);
            for (Map.Entry<String, byte[]> artifact : artifacts.entrySet()) {
                store.put(c, catalog, model, artifact.getKey(), artifact.getValue());
            }
            c.commit();
            return model;
        }
    }
}
