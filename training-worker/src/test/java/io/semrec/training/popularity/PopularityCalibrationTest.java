package io.semrec.training.popularity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.semrec.evaluation.EvaluationOptions;
import io.semrec.evaluation.RankingMetrics;
import io.semrec.training.OfflineEvaluation;
import io.semrec.training.data.DatasetFolderLoader;
import io.semrec.training.data.InteractionDataset;
import io.semrec.training.spec.PopularityParameters;
import io.semrec.training.support.SharedDatasets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Reproduces the published popularity reference of the datasets' README (counts over all but each
 * user's last event, seen items not masked, test targets) to four decimals: a check of the split,
 * the tie rule and the metric math together on real data.
 */
class PopularityCalibrationTest {

    @ParameterizedTest
    @CsvSource({
        "amazon-scientific, 8317, 0.0257, 0.0171",
        "amazon-office,     4905, 0.0018, 0.0006",
    })
    void matchesTheReference(String name, int users, double hitRateAt10, double ndcgAt10) {
        InteractionDataset dataset = DatasetFolderLoader.load(SharedDatasets.require(name));
        RankingMetrics metrics = OfflineEvaluation.evaluate(dataset, PopularityParameters.SPEC.resolve(null),
                EvaluationOptions.DEFAULTS.withMaskSeen(false), OfflineEvaluation.Target.TEST);
        assertEquals(users, metrics.users());
        assertFalse(metrics.seenMasked());
        assertEquals(hitRateAt10, metrics.recallAt10(), 0.00005);
        assertEquals(ndcgAt10, metrics.ndcgAt10(), 0.00005);
    }
}
