package io.semrec.training.lm;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Where language models live inside the artifact folder: Hugging Face checkpoints under
 * {@code checkpoints/<id>/}, LMs this code adapted or trained under {@code lm-cache/<key>/}, the
 * extracted MiniLM under {@code pretrained/}.
 */
public record LmFolders(Path root) {

    private static final Logger LOG = Logger.getLogger(LmFolders.class);
    /** A checkpoint id is a plain name: no separators, no {@code ..}, nothing a path could hide in. */
    private static final Pattern CHECKPOINT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    public Path checkpoint(String id) {
        if (!CHECKPOINT_ID.matcher(id).matches() || id.contains("..")) {
            throw new IllegalArgumentException("checkpoint id must be a plain name (letters, digits, . _ -), got '"
                    + id + "'");
        }
        return root.resolve("checkpoints").resolve(id);
    }

    public Path cached(String key) {
        return root.resolve("lm-cache").resolve(key);
    }

    /** The cached LM's folder, built first by {@code build} (given the folder to write) when absent. */
    public Path cachedOrBuilt(String key, Consumer<Path> build) {
        Path folder = cached(key);
        if (Files.isDirectory(folder)) {
            LOG.infof("LM %s found in the LM cache", key);
        } else {
            build.accept(folder);
        }
        return folder;
    }

    public Path pretrained() {
        return root.resolve("pretrained");
    }
}
