package io.semrec.training.sasrec;

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
import java.util.function.Supplier;

/**
 * Trains a next-item {@link SasrecModel} on a leave-one-out split: full-softmax steps over every
 * prefix, early stopping on validation NDCG@10 (full ranking), test metrics once from the best
 * checkpoint, then (unless turned off) a refit of a fresh model on every event for the chosen number
 * of epochs, so the published model knows each user's latest items. The refit's epochs continue the
 * epoch numbering of the per-epoch metrics.
 */
public final class SequenceTrainer {

    private final SasrecParams params;
    private final Supplier<SasrecModel> models;
    private final ProgressReporter progress;
    private final FullRankingEvaluator evaluator;
    private int step;

    /** What a run measured; the published model is handed to the caller's {@link Finish} with it. */
    public record Run(RankingMetrics validation, RankingMetrics test, int bestEpoch, int epochsRun,
            double trainSecondsPerEpoch, double sequencesPerSecond, boolean refitted) {
    }

    /** Turns the published model (still open) and its run into the caller's result. */
    @FunctionalInterface
    public interface Finish<T> {
        T apply(SasrecModel published, Run run);
    }

    /**
     * @param models makes a freshly initialised model (seeded: equal calls give equal weights); called
     *     once for the evaluated run and once for the refit
     * @param progress phases "train" and "refit" counted in epochs; metrics ({@link TrainingMetrics}):
     *     loss per step, and per epoch the mean loss, throughput and validation NDCG@10. A reporter may
     *     throw (a stopped job, say) to abort the run; the trainer still releases its native memory.
     */
    public SequenceTrainer(int itemCount, SasrecParams params, boolean maskSeen, Supplier<SasrecModel> models,
            ProgressReporter progress) {
        this.params = params;
        this.models = models;
        this.progress = progress;
        this.evaluator = new FullRankingEvaluator(itemCount,
                EvaluationOptions.DEFAULTS.withMaskSeen(maskSeen).withHistoryWindow(params.maxHistory()));
    }

    public <T> T train(LeaveOneOutSplit split, Finish<T> finish) {
        EarlyStopping stopping = new EarlyStopping(params.patience());
        RankingMetrics bestValidation = null;
        RankingMetrics test;
        int epochsRun = 0;
        double trainSeconds = 0;
        long sequencesSeen = 0;
        try (SasrecModel model = models.get()) {
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
                return finish.apply(model, run(bestValidation, test, stopping, epochsRun, trainSeconds, sequencesSeen));
            }
        }
        try (SasrecModel refit = models.get()) {
            List<int[]> sequences = trainable(split.allSequences());
            SplittableRandom random = new SplittableRandom(params.seed());
            progress.phase("refit", stopping.bestEpoch());
            for (int epoch = 1; epoch <= stopping.bestEpoch(); epoch++) {
                trainEpoch(refit, sequences, random, epochsRun + epoch);
                progress.step(epoch);
            }
            return finish.apply(refit, run(bestValidation, test, stopping, epochsRun, trainSeconds, sequencesSeen));
        }
    }

    /** Trains one epoch; returns its wall time in seconds. */
    private double trainEpoch(SasrecModel model, List<int[]> sequences, SplittableRandom random, int epoch) {
        long start = System.nanoTime();
        double lossSum = 0;
        int finiteBatches = 0;
        List<List<int[]>> batches = LengthBucketedBatches.of(sequences, params.batchSize(), random);
        for (List<int[]> batch : batches) {
            float loss = model.trainStep(SequenceBatch.forTraining(batch, params.maxHistory()), random);
            if (Float.isFinite(loss)) {
                progress.metric(TrainingMetrics.TRAIN_LOSS, ++step, loss);
                lossSum += loss;
                finiteBatches++;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        progress.metric(TrainingMetrics.EPOCH_LOSS, epoch, lossSum / Math.max(1, finiteBatches));
        if (model.skippedSteps() > 0) {
            progress.metric(TrainingMetrics.SKIPPED_STEPS, epoch, model.skippedSteps());
        }
        progress.metric(TrainingMetrics.THROUGHPUT, epoch, sequences.size() / seconds);
        return seconds;
    }

    private Run run(RankingMetrics validation, RankingMetrics test, EarlyStopping stopping, int epochsRun,
            double trainSeconds, long sequencesSeen) {
        return new Run(validation, test, stopping.bestEpoch(), epochsRun, trainSeconds / epochsRun,
                sequencesSeen / trainSeconds, params.refit());
    }

    /** Sequences with at least one (input, next item) pair. */
    private static List<int[]> trainable(int[][] sequences) {
        return Arrays.stream(sequences).filter(s -> s.length >= 2).toList();
    }
}
