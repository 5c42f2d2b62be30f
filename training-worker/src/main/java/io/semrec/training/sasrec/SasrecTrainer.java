package io.semrec.training.sasrec;

import ai.djl.Device;
import ai.djl.engine.Engine;
import io.semrec.evaluation.EvaluationOptions;
import io.semrec.training.ProgressReporter;
import io.semrec.training.TrainingMetrics;
import io.semrec.training.data.LeaveOneOutSplit;

/**
 * Trains SASRec on a leave-one-out split with the {@link SequenceTrainer}: early stopping on validation
 * NDCG@10 (full ranking, seen items masked), test metrics once from the best checkpoint, then (unless
 * turned off) a refit on every event. The reported metrics are the evaluated run's.
 */
public final class SasrecTrainer {

    private final SequenceTrainer trainer;

    /**
     * @param device where the network trains, e.g. {@link #defaultDevice()}
     * @param progress phases "train" and "refit" counted in epochs; metrics ({@link TrainingMetrics}): loss
     *     per step, and per epoch the mean loss, throughput and validation NDCG@10. A reporter may throw
     *     (a stopped job, say) to abort the run; the trainer still releases its native memory.
     */
    public SasrecTrainer(int itemCount, SasrecParams params, Device device, ProgressReporter progress) {
        this(itemCount, params, EvaluationOptions.DEFAULTS.maskSeen(), device, progress);
    }

    /** @param maskSeen whether validation and test rankings exclude items already in the history */
    public SasrecTrainer(int itemCount, SasrecParams params, boolean maskSeen, Device device,
            ProgressReporter progress) {
        this.trainer = new SequenceTrainer(itemCount, params, maskSeen,
                () -> SasrecModel.create(itemCount, params, device), progress);
    }

    /** The GPU when DJL sees one, else the CPU. */
    public static Device defaultDevice() {
        return Engine.getInstance().getGpuCount() > 0 ? Device.gpu() : Device.cpu();
    }

    public SasrecResult train(LeaveOneOutSplit split) {
        return trainer.train(split, (model, run) -> new SasrecResult(run.validation(), run.test(), run.bestEpoch(),
                run.epochsRun(), run.trainSecondsPerEpoch(), run.sequencesPerSecond(), run.refitted(),
                SasrecExport.weights(model), SasrecExport.itemVectors(model)));
    }
}
