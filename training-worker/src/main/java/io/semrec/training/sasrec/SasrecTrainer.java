package io.semrec.training.sasrec;

import ai.djl.Device;
import ai.djl.engine.Engine;
import io.semrec.evaluation.EvaluationOptions;
import io.semrec.evaluation.FullRankingEvaluator;
import io.semrec.evaluation.RankingMetrics;
import io.semrec.training.EarlyStopping;
import io.semrec.training.ProgressReporter;
import io.semrec.training.TrainingMetrics;
import io.semrec.training.data.LeaveOneOutSplit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Trains SASRec on a leave-one-out split: early stopping on validation NDCG@10 (full ranking, seen
 * items masked), test metrics once from the best checkpoint, then (unless turned off) a refit on
 * every event for the chosen number of epochs, so the published model knows each user's latest
 * items. The reported metrics are the evaluated run's; the refit's epochs continue the epoch
 * numbering of the per-epoch metrics.
 */
public final class SasrecTrainer {

    private final int itemCount;
    private final SasrecParams params;
    private final Device device;
    private final ProgressReporter progress;
    private final FullRankingEvaluator evaluator;
    private int step;

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
        this.itemCount = itemCount;
        this.params = params;
        this.device = device;
        this.progress = progress;
        this.evaluator = new FullRankingEvaluator(itemCount,
                EvaluationOptions.DEFAULTS.withMaskSeen(maskSeen).withHistoryWindow(params.maxHistory()));
    }

    /** The GPU when DJL sees one, else the CPU. */
    public static Device defaultDevice() {
        return Engine.getInstance().getGpuCount() > 0 ? Device.gpu() : Device.cpu();
    }

    public SasrecResult train(LeaveOneOutSplit split) {
        EarlyStopping stopping = new EarlyStopping(params.patience());
        RankingMetrics bestValidation = null;
        RankingMetrics test;
        int epochsRun = 0;
        double trainSeconds = 0;
        long sequencesSeen = 0;
        try (SasrecModel model = SasrecModel.create(itemCount, params, device)) {
            List<int[]> sequences = trainable(split.trainSequences());
            SplittableRandom random = new SplittableRandom(params.seed());
            Map<String, float[]> best = null;
            progress.phase("train", params.maxEpochs());
            while (epochsRun < params.maxEpochs() && !stopping.shouldStop()) {
                epochsRun++;
                trainSeconds += trainEpoch(model, sequences, random, epochsRun);
                sequencesSeen += sequences.size();
                RankingMetrics validation = evaluator.evaluate(model.scorer(), split.validation());
                progress.metric(TrainingMetrics.VALIDATION_NDCG_10, epochsRun, validation.ndcgAt10());
                progress.step(epochsRun);
                if (stopping.record(epochsRun, validation.ndcgAt10())) {
                    best = model.snapshot();
                    bestValidation = validation;
                }
            }
            model.restore(best);
            test = evaluator.evaluate(model.scorer(), split.test());
            if (!params.refit()) {
                return result(model, bestValidation, test, stopping.bestEpoch(), epochsRun, trainSeconds, sequencesSeen);
            }
        }
        try (SasrecModel refit = SasrecModel.create(itemCount, params, device)) {
            List<int[]> sequences = trainable(split.allSequences());
            SplittableRandom random = new SplittableRandom(params.seed());
            progress.phase("refit", stopping.bestEpoch());
            for (int epoch = 1; epoch <= stopping.bestEpoch(); epoch++) {
                trainEpoch(refit, sequences, random, epochsRun + epoch);
                progress.step(epoch);
            }
            return result(refit, bestValidation, test, stopping.bestEpoch(), epochsRun, trainSeconds, sequencesSeen);
        }
    }

    /** Trains one epoch; returns its wall time in seconds. */
    private double trainEpoch(SasrecModel model, List<int[]> sequences, SplittableRandom random, int epoch) {
        long start = System.nanoTime();
        double lossSum = 0;
        List<List<int[]>> batches = LengthBucketedBatches.of(sequences, params.batchSize(), random);
        for (List<int[]> batch : batches) {
            float loss = model.trainStep(SequenceBatch.forTraining(batch, params.maxHistory()), random);
            progress.metric(TrainingMetrics.TRAIN_LOSS, ++step, loss);
            lossSum += loss;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        progress.metric(TrainingMetrics.EPOCH_LOSS, epoch, lossSum / batches.size());
        progress.metric(TrainingMetrics.THROUGHPUT, epoch, sequences.size() / seconds);
        return seconds;
    }

    private SasrecResult result(SasrecModel model, RankingMetrics validation, RankingMetrics test, int bestEpoch,
            int epochsRun, double trainSeconds, long sequencesSeen) {
        return new SasrecResult(validation, test, bestEpoch, epochsRun, trainSeconds / epochsRun,
                sequencesSeen / trainSeconds, params.refit(), SasrecExport.weights(model), SasrecExport.itemVectors(model));
    }

    /** Sequences with at least one (input, next item) pair. */
    private static List<int[]> trainable(int[][] sequences) {
        return Arrays.stream(sequences).filter(s -> s.length >= 2).toList();
    }
}
