package io.semrec.worker;

import io.semrec.model.ModelPublisher;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The {@link ModelPublisher} trainers inject to build their {@code TrainingOutcome}'s publication. */
@Singleton
public class ModelPublishing {

    @Produces
    @Singleton
    ModelPublisher publisher(WorkerConfig config) {
        return new ModelPublisher(config.indexBuildMemory());
    }
}
