package io.semrec.training.support;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the real datasets (never copied into the repository): {@code $SEMREC_DATASETS}, else the
 * first {@code shared/datasets} folder above the working directory. Tests that need one are skipped
 * where the data is absent.
 */
public final class SharedDatasets {

    private SharedDatasets() {
    }

    public static Path require(String name) {
        Path folder = root() == null ? null : root().resolve(name);
        assumeTrue(folder != null && Files.isDirectory(folder), "dataset " + name + " not found; set SEMREC_DATASETS");
        return folder;
    }

    private static Path root() {
        String configured = System.getenv("SEMREC_DATASETS");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("datasets");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
