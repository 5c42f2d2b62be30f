package io.semrec.artifact;

import java.io.IOException;
import java.sql.SQLException;
import java.util.Optional;

/** The named artifacts of one model, for code that needs some of them (e.g. a learned encoder's weights). */
@FunctionalInterface
public interface ArtifactLookup {

    /** A model with no artifacts. */
    ArtifactLookup NONE = name -> Optional.empty();

    /** The artifact's bytes; empty when the model has none of that name. */
    Optional<byte[]> find(String name) throws SQLException, IOException;

    /** The artifact's bytes, or an {@link IOException} naming what the {@code method}'s model lacks. */
    default byte[] require(String name, String method) throws SQLException, IOException {
        return find(name).orElseThrow(() -> new IOException("a " + method + " model needs its artifact " + name));
    }
}
