package io.semrec.training.sasrec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.semrec.encoder.SasrecEncoder;
import io.semrec.evaluation.BatchScorer;
import io.semrec.evaluation.EvaluationOptions;
import io.semrec.evaluation.EvaluationSet;
import io.semrec.evaluation.FullRankingEvaluator;
import io.semrec.evaluation.ItemVectorScorer;
import io.semrec.model.ScoreMetric;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The worker's DJL forward and core's plain-Java encoder must serve the same model. */
class SasrecParityTest {

    private static final int ITEMS = 60;
    private static final int MAX_HISTORY = 8;
    private static final int TOP_K = 10;
    /** History lengths: single items, short (padded in a batch with longer ones), full, and longer than the window. */
    private static final int[] LENGTHS = {1, 2, 3, 5, MAX_HISTORY, MAX_HISTORY + 4};

    private static SasrecModel model;
    private static SasrecEncoder encoder;
    private static float[][] itemVectors;
    private static int[][] histories;

    @BeforeAll
    static void trainATinyModel() throws IOException {
        SasrecParams params = new SasrecParams(16, 2, 2, 0.1, 16, 1e-2, 1, 1, MAX_HISTORY, SasrecLoss.CE, 11, false, 1);
        model = SasrecModel.create(ITEMS, params, SasrecTrainer.defaultDevice());
        SplittableRandom random = new SplittableRandom(4);
        List<int[]> sequences = Arrays.asList(SuccessorSequences.generate(ITEMS, 200, 3, 14, 5));
        for (int epoch = 0; epoch < 3; epoch++) {
            for (List<int[]> batch : LengthBucketedBatches.of(sequences, params.batchSize(), random)) {
                model.trainStep(SequenceBatch.forTraining(batch, MAX_HISTORY), random);
            }
        }
        // Through the artifact bytes, as serving will read it.
        byte[] artifact = SasrecExport.weights(model).toSafeTensors().toBytes();
        encoder = SasrecEncoder.read(artifact);
        itemVectors = SasrecExport.itemVectors(model);
        histories = new int[60][];
        for (int h = 0; h < histories.length; h++) {
            histories[h] = random.ints(LENGTHS[h % LENGTHS.length], 0, ITEMS).toArray();
        }
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void javaEncoderGivesTheSameQueryVectorAsTheNetwork() {
        float[][] djl = model.queries(histories);

        for (int h = 0; h < histories.length; h++) {
            float[] java = encoder.encode(vectorsOf(histories[h]));
            double maxDiff = 0;
            for (int i = 0; i < java.length; i++) {
                maxDiff = Math.max(maxDiff, Math.abs(java[i] - djl[h][i]));
            }
            assertTrue(maxDiff < 1e-4, "history of " + histories[h].length + " items: max abs diff " + maxDiff);
        }
    }

    @Test
    void exactTopKFromTheJavaQueryEqualsTheEvaluatorsTopK() {
        float[][] evaluated = scores(model.scorer());
        float[][] served = scores(new ItemVectorScorer(itemVectors, encoder, ScoreMetric.DOT));

        for (int h = 0; h < histories.length; h++) {
            assertArrayEquals(topK(evaluated[h]), topK(served[h]), "history " + Arrays.toString(histories[h]));
        }
    }

    @Test
    void evaluatorRanksEveryTargetTheSameForBothForwards() {
        int[] targets = new SplittableRandom(8).ints(histories.length, 0, ITEMS).toArray();
        EvaluationSet users = new EvaluationSet(histories, targets);
        FullRankingEvaluator evaluator = new FullRankingEvaluator(ITEMS, EvaluationOptions.DEFAULTS.withBatchSize(16));

        assertArrayEquals(evaluator.ranks(model.scorer(), users),
                evaluator.ranks(new ItemVectorScorer(itemVectors, encoder, ScoreMetric.DOT), users));
    }

    private static List<float[]> vectorsOf(int[] history) {
        List<float[]> vectors = new ArrayList<>();
        for (int item : history) {
            vectors.add(itemVectors[item]);
        }
        return vectors;
    }

    private static float[][] scores(BatchScorer scorer) {
        float[][] scores = new float[histories.length][ITEMS];
        scorer.score(histories, scores);
        return scores;
    }

    private static int[] topK(float[] scores) {
        return IntStream.range(0, scores.length).boxed()
                .sorted(Comparator.comparingDouble((Integer item) -> scores[item]).reversed())
                .limit(TOP_K).mapToInt(Integer::intValue).toArray();
    }
}
