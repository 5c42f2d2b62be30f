package io.semrec.training;

/**
 * Receives a training run's metrics as they happen, in the shape of the {@code job_metric} table:
 * a name, a step (a batch for per-step series, an epoch for per-epoch ones) and a value. Throwing
 * from {@link #record} aborts the run (a cancelled job, say); trainers release their native memory.
 */
@FunctionalInterface
public interface MetricSink {

    /** Training loss of one optimisation step; step = global step count from 1. */
    String TRAIN_LOSS = "train.loss";
    /** Mean training loss over an epoch; step = epoch. */
    String EPOCH_LOSS = "train.epoch_loss";
    /** Training sequences per second over an epoch; step = epoch. */
    String THROUGHPUT = "train.sequences_per_s";
    /** Validation NDCG@10 after an epoch (full ranking); step = epoch. */
    String VALIDATION_NDCG_10 = "validation.ndcg@10";

    /** Ignores everything. */
    MetricSink NONE = (name, step, value) -> { };

    void record(String name, int step, double value);
}
