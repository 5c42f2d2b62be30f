package io.semrec.training;

/**
 * Where a trainer reports how far it is. Calls are cheap: the worker writes the latest state with its
 * next heartbeat, so a fast trainer can report every step.
 */
public interface ProgressReporter {

    /** Starts a phase (e.g. "train", "evaluate") of {@code total} steps; 0 when the total is unknown. */
    void phase(String name, int total);

    /** Steps done so far in the current phase. */
    void step(int done);

    /**
     * A metric at a step: loss, validation {@code ndcg@10}, items per second. Between two heartbeats
     * only the latest point of each name is kept, so per-step series are sampled, not flooded.
     */
    void metric(String name, int step, double value);
}
