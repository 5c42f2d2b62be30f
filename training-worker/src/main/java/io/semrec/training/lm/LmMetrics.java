package io.semrec.training.lm;

/** Names of the phases and metrics LM training reports through {@code ProgressReporter}. */
public final class LmMetrics {

    /** Phase of the MiniLM bootstrap's causal-LM adaptation, counted in epochs. */
    public static final String ADAPT_PHASE = "lm-adapt";
    /** Phase of training the from-scratch LM, counted in epochs. */
    public static final String SCRATCH_PHASE = "lm-train";
    /** Next-token loss of one step; step = global step from 1. */
    public static final String TRAIN_LOSS = "lm.train_loss";
    /** Held-out item texts' perplexity; step 0 = before training, then per epoch. */
    public static final String HELD_OUT_PERPLEXITY = "lm.held_out_perplexity";
    /** Steps skipped so far for a non-finite loss or gradient; step = global step. */
    public static final String SKIPPED_STEPS = "lm.skipped_steps";
    /** Trained tokens per second over an epoch; step = epoch. */
    public static final String TOKENS_PER_SECOND = "lm.tokens_per_s";

    private LmMetrics() {
    }
}
