package io.semrec.training;

/** Thrown by {@link TrainingContext#checkStop()}: the job was cancelled or the worker must let it go. */
public class TrainingStoppedException extends RuntimeException {

    public TrainingStoppedException() {
        super("training stopped on request", null, false, false);
    }
}
