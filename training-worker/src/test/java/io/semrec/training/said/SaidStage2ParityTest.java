package io.semrec.training.said;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.semrec.encoder.EncoderFactory;
import io.semrec.encoder.SequenceEncoder;
import io.semrec.evaluation.EvaluationOptions;
import io.semrec.evaluation.EvaluationSet;
import io.semrec.evaluation.FullRankingEvaluator;
import io.semrec.evaluation.ItemVectorScorer;
import io.semrec.model.ScoreMetric;
import io.semrec.training.sasrec.LengthBucketedBatches;
import io.semrec.training.sasrec.SasrecModel;
import io.semrec.training.sasrec.SequenceBatch;
import io.semrec.training.sasrec.SuccessorSequences;
import io.semrec.training.sasrec.SasrecTrainer;
import io.semrec.training.spec.SaidParameters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Both downstream models, with and without the output bias: the worker's DJL forward and the encoder
 * serving builds from the published artifact (through {@link EncoderFactory}) give the same query for
 * random histories, and rank every item the same.
 */
class SaidStage2ParityTest {

    private static final int ITEMS = 40;
    private static final int FEATURE_WIDTH = 12;
    private static final int MAX_HISTORY = 7;
    private static final int[] LENGTHS = {1, 2, 3, 5, MAX_HISTORY, MAX_HISTORY + 3};

    @ParameterizedTest
    @CsvSource({"transformer, false, false", "transformer, true, false", "gru, false, false", "gru, true, false",
        "transformer, true, true", "gru, false, true"})
    void servedEncoderReproducesTheNetwork(String downstream, boolean outputBias, boolean residual) throws Exception {
        Map<String, Object> submitted = new HashMap<>(Map.of(SaidParameters.DOWNSTREAM, downstream,
                SaidParameters.OUTPUT_BIAS, outputBias, SaidParameters.DIM, 8, SaidParameters.HEADS, 2,
                SaidParameters.LAYERS, 2, SaidParameters.DROPOUT, 0.1, SaidParameters.BATCH_SIZE, 16,
                SaidParameters.LR, 1e-2, SaidParameters.MAX_HISTORY, MAX_HISTORY, SaidParameters.THREADS, 1));
        submitted.put(SaidParameters.ITEM_RESIDUAL, residual);
        var resolved = SaidParameters.SPEC.resolve(submitted);
        SaidParams params = SaidParams.from(resolved);
        SplittableRandom random = new SplittableRandom(3);
        float[][] features = new float[ITEMS][FEATURE_WIDTH];
        for (float[] row : features) {
            for (int i = 0; i < FEATURE_WIDTH; i++) {
                row[i] = (float) random.nextGaussian();
            }
        }
        try (SasrecModel model = new SaidStage2(params, SasrecTrainer.defaultDevice()).model(features)) {
            List<int[]> sequences = Arrays.asList(SuccessorSequences.generate(ITEMS, 120, 3, 12, 5));
            for (int epoch = 0; epoch < 2; epoch++) {
                for (List<int[]> batch : LengthBucketedBatches.of(sequences, 16, random)) {
                    model.trainStep(SequenceBatch.forTraining(batch, MAX_HISTORY), random);
                }
            }
            byte[] encoderFile = SaidStage2.encoderFile(model);
            SequenceEncoder encoder = EncoderFactory.forModel(SaidParameters.METHOD, resolved.asMap(),
                    name -> Optional.of(encoderFile).filter(file -> SaidMethod.ENCODER_ARTIFACT.equals(name)));
            float[][] vectors = model.network().items().publishedVectors();
            assertEquals(outputBias ? 9 : 8, vectors[0].length);
            int[][] histories = new int[36][];
            for (int h = 0; h < histories.length; h++) {
                histories[h] = random.ints(LENGTHS[h % LENGTHS.length], 0, ITEMS).toArray();
            }

            float[][] djl = model.queries(histories);
            for (int h = 0; h < histories.length; h++) {
                float[] java = encoder.encode(vectorsOf(vectors, histories[h]));
                assertEquals(vectors[0].length, java.length);
                double maxDiff = 0;
                for (int i = 0; i < djl[h].length; i++) {
                    maxDiff = Math.max(maxDiff, Math.abs(java[i] - djl[h][i]));
                }
                assertTrue(maxDiff < 1e-4, downstream + ", history of " + histories[h].length + ": max abs diff "
                        + maxDiff);
                if (outputBias) {
                    assertEquals(1f, java[java.length - 1]);
                }
            }
            int[] targets = random.ints(histories.length, 0, ITEMS).toArray();
            EvaluationSet users = new EvaluationSet(histories, targets);
            FullRankingEvaluator evaluator = new FullRankingEvaluator(ITEMS, EvaluationOptions.DEFAULTS);
            assertArrayEquals(evaluator.ranks(model.scorer(), users),
                    evaluator.ranks(new ItemVectorScorer(vectors, encoder, ScoreMetric.DOT), users));
        }
    }

    private static List<float[]> vectorsOf(float[][] vectors, int[] history) {
        List<float[]> rows = new ArrayList<>();
        for (int item : history) {
            rows.add(vectors[item]);
        }
        return rows;
    }
}
