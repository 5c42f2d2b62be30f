package io.semrec.training.textknn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.semrec.evaluation.EvaluationOptions;
import io.semrec.evaluation.FullRankingEvaluator;
import io.semrec.evaluation.RankingMetrics;
import io.semrec.training.OfflineEvaluation;
import io.semrec.training.data.DatasetFolderLoader;
import io.semrec.training.data.InteractionDataset;
import io.semrec.training.data.LeaveOneOutSplit;
import io.semrec.training.spec.TextKnnParameters;
import io.semrec.training.support.SharedDatasets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The unreduced TF-IDF ranking (title, brand, categories; weights 0.7^age; seen items masked; test
 * targets) stays within 5% of an independent implementation's NDCG@10 and Recall@10.
 */
class TextKnnCalibrationTest {

    private static final double TOLERANCE = 0.05;

    @ParameterizedTest
    @CsvSource({
        "amazon-scientific, 0.0726, 0.1116",
        "amazon-office,     0.0436, 0.0734",
    })
    void sparseRankingMatchesTheReference(String name, double ndcgAt10, double recallAt10) {
        InteractionDataset dataset = DatasetFolderLoader.load(SharedDatasets.require(name));
        RankingMetrics metrics = new FullRankingEvaluator(dataset.itemCount(), EvaluationOptions.DEFAULTS.withThreads(2))
                .evaluate(OfflineEvaluation.sparseTextKnnScorer(dataset, TextKnnParameters.SPEC.resolve(null)),
                        LeaveOneOutSplit.of(dataset).test());
        assertEquals(ndcgAt10, metrics.ndcgAt10(), TOLERANCE * ndcgAt10);
        assertEquals(recallAt10, metrics.recallAt10(), TOLERANCE * recallAt10);
    }
}
