package io.semrec.training;

/** Names of the metrics trainers report through {@link ProgressReporter#metric}. */
public final class TrainingMetrics {

    /** Training loss of one optimisation step; step = global step count from 1. */
    public static final String TRAIN_LOSS = "train.loss";
    /** Mean training loss over an epoch; step = epoch. */
    public static final String EPOCH_LOSS = "train.epoch_loss";
    /** Training sequences per second over an epoch; step = epoch. */
    public static final String THROUGHPUT = "train.sequences_per_s";
    /** Optimisation steps skipped so far for a non-finite loss or gradient (reported only when some were). */
    public static final String SKIPPED_STEPS = "train.skipped_steps";
    /** Validation NDCG@10 after an epoch (full ranking); step = epoch. */
    public static final String VALIDATION_NDCG_10 = "validation.ndcg@10";

    private TrainingMetrics() {
    }
}
