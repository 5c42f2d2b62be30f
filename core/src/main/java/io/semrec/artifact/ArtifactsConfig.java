package io.semrec.artifact;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.Optional;

/** Where model artifacts go ({@code semrec.artifacts.*}); the worker and the app must agree. */
@ConfigMapping(prefix = "semrec.artifacts")
public interface ArtifactsConfig {

    /** Folder, shared by the worker and every app replica, for artifacts above {@link #inlineMaxBytes()}. */
    Optional<Path> dir();

    /** Largest artifact kept in the database (16 MiB); larger ones go to {@link #dir()} when it is set. */
    @WithDefault("16777216")
    long inlineMaxBytes();
}
