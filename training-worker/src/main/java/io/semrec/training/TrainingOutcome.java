package io.semrec.training;

import java.sql.Connection;
import java.util.Objects;

/**
 * What a finished training run hands back. The worker runs {@code publication} inside the fenced
 * transaction that also marks the job succeeded, so a worker that lost its job cannot publish.
 */
public record TrainingOutcome(ModelPublication publication) {

    public TrainingOutcome {
        Objects.requireNonNull(publication, "publication");
    }

    /** Writes the trained model (its row, vectors and index), e.g. with {@code io.semrec.model.ModelPublisher}. */
    @FunctionalInterface
    public interface ModelPublication {

        /**
         * Runs inside the job's finishing transaction, on its connection: everything written commits or
         * rolls back with the job's status.
         *
         * @return the new model's id
         */
        long publish(Connection connection) throws Exception;
    }
}
