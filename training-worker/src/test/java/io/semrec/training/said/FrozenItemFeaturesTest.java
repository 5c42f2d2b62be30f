package io.semrec.training.said;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.nn.Parameter;
import io.semrec.training.sasrec.LengthBucketedBatches;
import io.semrec.training.sasrec.SasrecModel;
import io.semrec.training.sasrec.SasrecTrainer;
import io.semrec.training.sasrec.SequenceBatch;
import io.semrec.training.sasrec.SuccessorSequences;
import io.semrec.training.spec.SaidParameters;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * At initialisation the mapped stage-1 features have the scale SASRec's own item table starts at,
 * whatever the features' raw scale: SASRec's transformer is tuned for that scale (it multiplies item
 * vectors by sqrt(dim) before adding positions, and scores by dot product). The optional item
 * residual starts at zero and trains.
 */
class FrozenItemFeaturesTest {

    private static final int ITEMS = 600;
    private static final int DIM = 16;

    @Test
    void theItemResidualStartsAtZeroAndLearns() {
        SaidParams params = SaidParams.from(SaidParameters.SPEC.resolve(Map.of(SaidParameters.ITEM_RESIDUAL, true,
                SaidParameters.DIM, DIM, SaidParameters.HEADS, 2, SaidParameters.MAX_HISTORY, 6,
                SaidParameters.LR, 1e-2, SaidParameters.THREADS, 1)));
        SplittableRandom random = new SplittableRandom(7);
        float[][] features = new float[40][12];
        for (float[] row : features) {
            for (int i = 0; i < row.length; i++) {
                row[i] = (float) random.nextGaussian();
            }
        }
        try (SasrecModel model = new SaidStage2(params, SasrecTrainer.defaultDevice()).model(features)) {
            Parameter residual = model.network().items().getParameters().get("item_residual");
            assertEquals(0f, maxAbs(residual.getArray().toFloatArray()));
            List<int[]> sequences = Arrays.asList(SuccessorSequences.generate(40, 60, 3, 8, 5));
            for (List<int[]> batch : LengthBucketedBatches.of(sequences, 16, random)) {
                model.trainStep(SequenceBatch.forTraining(batch, 6), random);
            }
            assertTrue(maxAbs(residual.getArray().toFloatArray()) > 1e-4, "the residual should have moved");
        }
    }

    private static float maxAbs(float[] values) {
        float max = 0;
        for (float value : values) {
            max = Math.max(max, Math.abs(value));
        }
        return max;
    }

    @ParameterizedTest
    @CsvSource({"transformer, 96, 0.01", "transformer, 384, 30", "gru, 96, 5"})
    void mappedItemVectorsStartAtTheScaleOfAnIdTable(String downstream, int featureWidth, double rawScale) {
        SaidParams params = SaidParams.from(SaidParameters.SPEC.resolve(Map.of(SaidParameters.DOWNSTREAM, downstream,
                SaidParameters.DIM, DIM, SaidParameters.HEADS, 2, SaidParameters.THREADS, 1)));
        SplittableRandom random = new SplittableRandom(5);
        float[][] features = new float[ITEMS][featureWidth];
        for (float[] row : features) {
            for (int i = 0; i < featureWidth; i++) {
                row[i] = (float) (rawScale * (random.nextGaussian() + i % 3));
            }
        }
        try (SasrecModel model = new SaidStage2(params, SasrecTrainer.defaultDevice()).model(features)) {
            float[][] vectors = model.network().items().publishedVectors();
            double sum = 0;
            double squares = 0;
            for (float[] vector : vectors) {
                for (float value : vector) {
                    sum += value;
                    squares += value * value;
                }
            }
            double count = (double) ITEMS * DIM;
            double std = Math.sqrt(squares / count - Math.pow(sum / count, 2));
            // An ID table of (items + padding, dim) under the same initialiser: sqrt(2 / (601 + 16)) = 0.057.
            double idTable = Math.sqrt(2.0 / (ITEMS + 1 + DIM));
            assertEquals(idTable, SasrecModel.initialStd(ITEMS + 1, DIM), 1e-12);
            assertEquals(1, std / idTable, 0.15, "mapped std " + std + " against " + idTable);
        }
    }
}
