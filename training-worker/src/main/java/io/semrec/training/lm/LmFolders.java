package io.semrec.training.lm;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Where language models live inside the artifact folder: Hugging Face checkpoints under
 * {@code checkpoints/<id>/}, LMs this code adapted or trained under {@code lm-cache/<key>/}, the
 * extracted MiniLM under {@code pretrained/}.
 */
public record LmFolders(Path root) {

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

    public Path pretrained() {
        return root.resolve("pretrained");
    }
}
