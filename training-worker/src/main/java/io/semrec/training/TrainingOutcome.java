package io.semrec.training;

import java.util.Objects;

/**
 * What a finished training run hands back. The worker runs {@code publication} inside the fenced
 * transaction that also marks the job succeeded, so a worker that lost its job cannot publish.
 */
public record TrainingOutcome(ModelPublication publication) {

    public TrainingOutcome {
        Objects.requireNonNull(publication, "publication");
    }

    /** Writes the trained model (its row, vectors and index) and returns its id. */
    @FunctionalInterface
    public interface ModelPublication {

        /**
         * Runs inside the job's finishing transaction: write through the default datasource (JDBC or
         * Hibernate) so the writes commit or roll back with the job's status.
         */
        long publish() throws Exception;
    }
}
