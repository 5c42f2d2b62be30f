package io.semrec.training.sasrec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.semrec.evaluation.EvaluationOptions;
import io.semrec.evaluation.FullRankingEvaluator;
import io.semrec.evaluation.RankingMetrics;
import io.semrec.training.ProgressReporter;
import io.semrec.training.support.RecordedProgress;
import io.semrec.training.TrainingMetrics;
import io.semrec.training.TrainingStoppedException;
import io.semrec.training.data.LeaveOneOutSplit;
import io.semrec.training.support.RecordedProgress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SasrecTrainerTest {

    private static final int ITEMS = 50;
    private static final LeaveOneOutSplit SPLIT =
            LeaveOneOutSplit.of(SuccessorSequences.generate(ITEMS, 100, 5, 12, 7));

    private static SasrecParams tiny(int maxEpochs, boolean refit, SasrecLoss loss) {
        return new SasrecParams(16, 1, 2, 0.1, 16, 1e-2, maxEpochs, 5, 20, loss, 3, refit, 1);
    }

    private static SasrecResult train(SasrecParams params, ProgressReporter progress) {
        return new SasrecTrainer(ITEMS, params, SasrecTrainer.defaultDevice(), progress).train(SPLIT);
    }

    @ParameterizedTest
    @EnumSource(SasrecLoss.class)
    void tinyConfigurationTrainsAndItsLossDecreases(SasrecLoss loss) {
        RecordedProgress progress = new RecordedProgress();

        SasrecResult result = train(tiny(2, false, loss), progress);

        List<Double> epochLosses = progress.values(TrainingMetrics.EPOCH_LOSS);
        assertEquals(2, epochLosses.size());
        assertTrue(epochLosses.get(1) < epochLosses.get(0), "epoch losses " + epochLosses);
        assertEquals(2, progress.values(TrainingMetrics.VALIDATION_NDCG_10).size());
        assertEquals(List.of("train"), progress.phases);
        assertEquals(2, result.epochsRun());
        assertEquals(ITEMS, result.itemVectors().length);
        assertEquals(16, result.encoder().dim());
    }

    @Test
    void learnsASuccessorPatternFarBetterThanPopularity() {
        RecordedProgress progress = new RecordedProgress();

        SasrecResult result = train(tiny(20, true, SasrecLoss.CE), progress);

        RankingMetrics popularity = popularity();
        assertTrue(result.validation().ndcgAt10() > 0.5, "SASRec " + result.validation());
        assertTrue(result.validation().ndcgAt10() > 3 * popularity.ndcgAt10(),
                "SASRec " + result.validation() + " vs popularity " + popularity);
        assertTrue(result.refitted());
        assertEquals(List.of("train", "refit"), progress.phases);
        // The refit trains exactly the early-stopped number of epochs after the evaluated run.
        assertEquals(result.epochsRun() + result.bestEpoch(), progress.values(TrainingMetrics.EPOCH_LOSS).size());
    }

    @Test
    void aThrowingReporterAbortsTheRun() {
        RecordedProgress stopAtStep3 = new RecordedProgress() {
            @Override
            public void metric(String name, int step, double value) {
                if (name.equals(TrainingMetrics.TRAIN_LOSS) && step == 3) {
                    throw new TrainingStoppedException();
                }
            }
        };

        assertThrows(TrainingStoppedException.class, () -> train(tiny(5, true, SasrecLoss.CE), stopAtStep3));
    }

    private static RankingMetrics popularity() {
        float[] counts = new float[ITEMS];
        for (int[] sequence : SPLIT.trainSequences()) {
            for (int item : sequence) {
                counts[item]++;
            }
        }
        FullRankingEvaluator evaluator = new FullRankingEvaluator(ITEMS, EvaluationOptions.DEFAULTS);
        return evaluator.evaluate((histories, scores) -> {
            for (float[] row : scores) {
                System.arraycopy(counts, 0, row, 0, ITEMS);
            }
        }, SPLIT.validation());
    }
}
