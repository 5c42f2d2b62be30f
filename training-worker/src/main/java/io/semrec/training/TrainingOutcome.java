package io.semrec.training;

import java.sql.Connection;
import java.util.Map;
import java.util.Objects;

/**
 * What a finished training run hands back. The worker runs {@code publication} inside the fenced
 * transaction that also marks the job succeeded, so a worker that lost its job cannot publish.
 *
 * @param baseline what an {@code if-better} activation compares the new model with; null when the job
 *     did not measure one (then the new model is activated only if the catalog has no active model)
 */
public record TrainingOutcome(ModelPublication publication, Baseline baseline) {

    public TrainingOutcome {
        Objects.requireNonNull(publication, "publication");
    }

    /** An outcome without a baseline. */
    public TrainingOutcome(ModelPublication publication) {
        this(publication, null);
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

    /**
     * The catalog's active model when the job measured it, and its metrics on the job's own validation
     * split. An {@code if-better} job activates its model only if that model is still the active one
     * (none, when {@code modelId} is null) and the new model scores higher than {@code validation}.
     *
     * @param validation null when the new model replaces {@code modelId} without a comparison (a refresh
     *     of the active model)
     */
    public record Baseline(Long modelId, Map<String, Double> validation) {

        /** No model was active: the new one becomes active unless another got activated meanwhile. */
        public static final Baseline NONE = new Baseline(null, null);

        /** A refresh of {@code modelId}: it takes the place of that model if that one is still active. */
        public static Baseline replacing(long modelId) {
            return new Baseline(modelId, null);
        }
    }
}
