package io.semrec.training.sasrec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.semrec.evaluation.EvaluationOptions;
import io.semrec.evaluation.FullRankingEvaluator;
import io.semrec.evaluation.RankingMetrics;
import io.semrec.training.MetricSink;
import io.semrec.training.data.LeaveOneOutSplit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
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

    private static SasrecResult train(SasrecParams params, MetricSink sink) {
        return new SasrecTrainer(ITEMS, params, SasrecTrainer.defaultDevice(), sink).train(SPLIT);
    }

    @ParameterizedTest
    @EnumSource(SasrecLoss.class)
    void tinyConfigurationTrainsAndItsLossDecreases(SasrecLoss loss) {
        List<Double> epochLosses = new ArrayList<>();
        MetricSink sink = (name, step, value) -> {
            if (name.equals(MetricSink.EPOCH_LOSS)) {
                epochLosses.add(value);
            }
        };
        SasrecResult result = train(tiny(2, false, loss), sink);

        assertEquals(2, epochLosses.size());
        assertTrue(epochLosses.get(1) < epochLosses.get(0), "epoch losses " + epochLosses);
        assertEquals(2, result.epochsRun());
        assertEquals(ITEMS, result.itemVectors().length);
        assertEquals(16, result.encoder().dim());
    }

    @Test
    void learnsASuccessorPatternFarBetterThanPopularity() {
        SasrecResult result = train(tiny(20, true, SasrecLoss.CE), MetricSink.NONE);
        RankingMetrics popularity = popularity();

        assertTrue(result.validation().ndcgAt10() > 0.5, "SASRec " + result.validation());
        assertTrue(result.validation().ndcgAt10() > 3 * popularity.ndcgAt10(),
                "SASRec " + result.validation() + " vs popularity " + popularity);
        assertTrue(result.refitted());
    }

    @Test
    void aThrowingSinkAbortsTheRun() {
        MetricSink cancelAtStep3 = (name, step, value) -> {
            if (name.equals(MetricSink.TRAIN_LOSS) && step == 3) {
                throw new CancellationException("job cancelled");
            }
        };

        assertThrows(CancellationException.class,
                () -> train(tiny(5, true, SasrecLoss.CE), cancelAtStep3));
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
