package io.semrec.training.recformer;

import io.semrec.artifact.SafeTensors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Pre-trained Recformer encoders kept for reuse across jobs and catalogs, one file per id under a
 * folder the workers share: {@code <root>/<id>.safetensors} (the encoder weights, see
 * {@link io.semrec.training.recformer.model.RecformerCheckpoints}) and {@code <root>/<id>.txt} (what
 * it was pre-trained on, with which parameters). An id is a hash of that description, so the same
 * pre-training is done once; ids are plain names, never paths.
 */
public final class PretrainedEncoders {

    /** What ids look like: a job may name one as its {@code pretrainDataset}. */
    public static final Pattern ID = Pattern.compile("rp-[0-9a-f]{16}|[a-z0-9][a-z0-9-]{0,63}");
    private static final String PREFIX = "rp-";
    private static final int HASH_HEX_DIGITS = 16;

    private final Path root;

    public PretrainedEncoders(Path root) {
        this.root = root;
    }

    /** The id of a pre-training described by {@code description} (source data, parameters, starting point). */
    public static String idOf(String description) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(description.getBytes(StandardCharsets.UTF_8));
            return PREFIX + HexFormat.of().formatHex(hash).substring(0, HASH_HEX_DIGITS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public Optional<SafeTensors> find(String id) throws IOException {
        Path file = weightsFile(id);
        return Files.isRegularFile(file) ? Optional.of(SafeTensors.read(file)) : Optional.empty();
    }

    /** Stores the weights under the id, written aside and moved so no reader sees half a file. */
    public void put(String id, SafeTensors weights, String description) throws IOException {
        Files.createDirectories(root);
        Files.writeString(root.resolve(id + ".txt"), description);
        Path partial = Files.createTempFile(root, id, ".partial");
        try {
            weights.write(partial);
            Files.move(partial, weightsFile(id), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    private Path weightsFile(String id) {
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("not a pre-trained encoder id: " + id);
        }
        return root.resolve(id + ".safetensors");
    }
}
