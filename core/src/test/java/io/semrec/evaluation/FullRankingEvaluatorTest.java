package io.semrec.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class FullRankingEvaluatorTest {

    private static final int[] NONE = {};
    private static final double LOG2_3 = Math.log(3) / Math.log(2);

    @Test
    void uniqueBestTargetRanksFirst() {
        assertEquals(1, FullRankingEvaluator.rank(new float[] {0.1f, 0.9f, 0.5f}, 1, NONE));
    }

    @Test
    void rankCountsEveryHigherItem() {
        assertEquals(4, FullRankingEvaluator.rank(new float[] {5, 4, 3, 2, 1}, 3, NONE));
    }

    @Test
    void tiesCountAgainstTheTarget() {
        assertEquals(3, FullRankingEvaluator.rank(new float[] {0.5f, 0.7f, 0.5f, 0.1f}, 0, NONE));
    }

    @Test
    void constantScoresRankTheTargetLast() {
        float[] constant = new float[100];
        assertEquals(100, FullRankingEvaluator.rank(constant, 0, NONE));
        assertEquals(100, FullRankingEvaluator.rank(constant, 57, NONE));
    }

    @Test
    void nanScoresCountAgainstTheTarget() {
        assertEquals(2, FullRankingEvaluator.rank(new float[] {Float.NaN, 1, 0}, 1, NONE));
        assertEquals(3, FullRankingEvaluator.rank(new float[] {0, Float.NaN, 1}, 1, NONE));
    }

    @Test
    void maskedItemsAreNotCandidates() {
        float[] scores = {5, 4, 3, 2, 1};
        assertEquals(2, FullRankingEvaluator.rank(scores, 3, new int[] {0, 1}));
        // Masking lower-scored items changes nothing; repeats in the history are subtracted once.
        assertEquals(2, FullRankingEvaluator.rank(scores, 3, new int[] {1, 0, 4, 1, 0}));
    }

    @Test
    void theTargetItselfIsNeverMasked() {
        assertEquals(1, FullRankingEvaluator.rank(new float[] {5, 4, 3}, 1, new int[] {1, 0}));
    }

    @Test
    void metricsAverageOverUsersWithHandComputedValues() {
        // Ranks 1, 2, 4, 6, 11, 25: in the top 5: 1,2,4; top 10: +6; top 20: +11.
        RankingMetrics m = RankingMetrics.of(new int[] {1, 2, 4, 6, 11, 25}, true);
        double dcg5 = 1 + 1 / LOG2_3 + 1 / Math.log(5) * Math.log(2);
        double dcg10 = dcg5 + Math.log(2) / Math.log(7);
        double dcg20 = dcg10 + Math.log(2) / Math.log(12);
        assertEquals(6, m.users());
        assertTrue(m.seenMasked());
        assertEquals(dcg5 / 6, m.ndcgAt5(), 1e-12);
        assertEquals(dcg10 / 6, m.ndcgAt10(), 1e-12);
        assertEquals(dcg20 / 6, m.ndcgAt20(), 1e-12);
        assertEquals(3.0 / 6, m.recallAt5(), 1e-12);
        assertEquals(4.0 / 6, m.recallAt10(), 1e-12);
        assertEquals(5.0 / 6, m.recallAt20(), 1e-12);
        assertEquals((1 + 0.5 + 0.25 + 1.0 / 6 + 1.0 / 11 + 1.0 / 25) / 6, m.mrr(), 1e-12);
    }

    @Test
    void targetAtRankOneScoresPerfectly() {
        RankingMetrics m = RankingMetrics.of(new int[] {1, 1}, false);
        assertEquals(1.0, m.ndcgAt10(), 0);
        assertEquals(1.0, m.recallAt5(), 0);
        assertEquals(1.0, m.mrr(), 0);
        assertFalse(m.seenMasked());
    }

    @Test
    void targetOutsideTopKScoresZeroButStillCountsInMrr() {
        RankingMetrics m = RankingMetrics.of(new int[] {21}, true);
        assertEquals(0, m.ndcgAt20(), 0);
        assertEquals(0, m.recallAt20(), 0);
        assertEquals(1.0 / 21, m.mrr(), 1e-12);
    }

    @Test
    void noUsersIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> RankingMetrics.of(new int[0], true));
    }

    @Test
    void metricMapUsesStableNames() {
        RankingMetrics m = RankingMetrics.of(new int[] {2}, true);
        assertEquals(List.of("ndcg@5", "ndcg@10", "ndcg@20", "recall@5", "recall@10", "recall@20", "mrr"),
                new ArrayList<>(m.asMap().keySet()));
        assertEquals(1 / LOG2_3, m.asMap().get("ndcg@10"), 1e-12);
    }

    /** Scores each item by its index, so item n-1 is always best; no history dependence. */
    private static final BatchScorer BY_INDEX = (histories, scores) -> {
        for (float[] row : scores) {
            for (int i = 0; i < row.length; i++) {
                row[i] = i;
            }
        }
    };

    @Test
    void evaluatesUsersWithAndWithoutMasking() {
        // 6 items; user A saw 5 and 4, target 3; user B saw 0, target 5.
        EvaluationSet users = new EvaluationSet(new int[][] {{5, 4}, {0}}, new int[] {3, 5});
        FullRankingEvaluator masked = new FullRankingEvaluator(6, EvaluationOptions.DEFAULTS);
        FullRankingEvaluator unmasked = new FullRankingEvaluator(6, EvaluationOptions.DEFAULTS.withMaskSeen(false));
        assertArrayEquals(new int[] {1, 1}, masked.ranks(BY_INDEX, users));
        assertArrayEquals(new int[] {3, 1}, unmasked.ranks(BY_INDEX, users));
        RankingMetrics m = unmasked.evaluate(BY_INDEX, users);
        assertEquals((0.5 + 1) / 2, m.ndcgAt10(), 1e-12);
        assertFalse(m.seenMasked());
    }

    @Test
    void scorerSeesOnlyTheHistoryWindowButMaskingUsesTheWholeHistory() {
        List<int[]> seen = Collections.synchronizedList(new ArrayList<>());
        BatchScorer recording = (histories, scores) -> {
            Collections.addAll(seen, histories);
            BY_INDEX.score(histories, scores);
        };
        EvaluationSet users = new EvaluationSet(new int[][] {{9, 8, 7, 1, 2}}, new int[] {6});
        FullRankingEvaluator evaluator =
                new FullRankingEvaluator(10, EvaluationOptions.DEFAULTS.withHistoryWindow(2));
        assertArrayEquals(new int[] {1}, evaluator.ranks(recording, users));
        assertEquals(1, seen.size());
        assertArrayEquals(new int[] {1, 2}, seen.get(0));
    }

    @Test
    void batchesAndThreadsDoNotChangeResults() {
        int items = 50;
        int userCount = 37;
        int[][] histories = new int[userCount][];
        int[] targets = new int[userCount];
        for (int u = 0; u < userCount; u++) {
            histories[u] = new int[] {u % items, (u * 7) % items};
            targets[u] = (u * 13 + 5) % items;
        }
        EvaluationSet users = new EvaluationSet(histories, targets);
        BatchScorer historyAware = (batch, scores) -> {
            for (int b = 0; b < batch.length; b++) {
                for (int i = 0; i < items; i++) {
                    scores[b][i] = (i * 31 + batch[b][0] * 17) % items;
                }
            }
        };
        int[] single = new FullRankingEvaluator(items, EvaluationOptions.DEFAULTS).ranks(historyAware, users);
        EvaluationOptions parallel = EvaluationOptions.DEFAULTS.withBatchSize(4).withThreads(3);
        assertArrayEquals(single, new FullRankingEvaluator(items, parallel).ranks(historyAware, users));
    }

    @Test
    void mostRecentKeepsTheTail() {
        assertArrayEquals(new int[] {3, 4}, FullRankingEvaluator.mostRecent(new int[] {1, 2, 3, 4}, 2));
        int[] shortHistory = {1};
        assertEquals(shortHistory, FullRankingEvaluator.mostRecent(shortHistory, 2));
    }
}
