package io.semrec.training;

import ai.djl.Device;
import io.semrec.catalog.CatalogSettings;
import io.semrec.training.spec.ResolvedParameters;

/** What a running job gives its {@link TrainingMethod}. */
public interface TrainingContext {

    long jobId();

    long catalogId();

    String catalogSlug();

    CatalogSettings catalogSettings();

    /** never, always or if-better: whether the job's model becomes the catalog's active one. */
    String activate();

    /** The job's parameters, checked against the method's spec, defaults filled in. */
    ResolvedParameters params();

    ProgressReporter progress();

    /** True once the job must stop: it was cancelled, the worker is shutting down, or its lease was lost. */
    boolean stopRequested();

    /** Throws {@link TrainingStoppedException} once {@link #stopRequested()}; call it between steps. */
    void checkStop();

    /** The GPU when DJL sees one (unless configured otherwise), else the CPU. */
    Device device();

    /** How many threads the trainer may use for its own parallel work. */
    int threads();
}
