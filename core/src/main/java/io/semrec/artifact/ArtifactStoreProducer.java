package io.semrec.artifact;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The configured {@link ArtifactStore}, for the worker's publishers and the app's model loading. */
@Singleton
public class ArtifactStoreProducer {

    @Produces
    @Singleton
    ArtifactStore artifactStore(ArtifactsConfig config) {
        return new ModelArtifacts(config.dir(), config.inlineMaxBytes());
    }
}
