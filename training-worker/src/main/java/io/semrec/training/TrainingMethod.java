package io.semrec.training;

import io.semrec.training.spec.MethodParameters;

/**
 * A way to train a model. Each implementation is a bean; a worker claims only jobs whose
 * {@code method} one of its beans declares.
 */
public interface TrainingMethod {

    /** The declaration the app validated the job against; its name is what jobs ask for. */
    MethodParameters spec();

    default String name() {
        return spec().method();
    }

    /**
     * Trains on the job's catalog. Report progress through the context and call
     * {@link TrainingContext#checkStop()} between steps; a thrown exception fails the job.
     */
    TrainingOutcome train(TrainingContext context) throws Exception;

    /**
     * Extends the published model {@code baseModelId} with the catalog's items it has no vector for,
     * without retraining, as a new model (see {@link TrainingSteps#refreshOutcome}). Only methods whose
     * {@link #spec()} is {@link MethodParameters#refreshable()} are asked to.
     */
    default TrainingOutcome refresh(TrainingContext context, long baseModelId) throws Exception {
        throw new UnsupportedOperationException("models of method " + name() + " cannot be refreshed");
    }
}
