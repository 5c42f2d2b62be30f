package io.semrec.evaluation;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Full-ranking metrics averaged over users, one target each (so Recall@k equals HR@k).
 *
 * @param users how many users were ranked
 * @param seenMasked whether items already in a user's history were excluded from the ranking
 */
public record RankingMetrics(
        int users,
        boolean seenMasked,
        double ndcgAt5,
        double ndcgAt10,
        double ndcgAt20,
        double recallAt5,
        double recallAt10,
        double recallAt20,
        double mrr) {

    /** Cut-offs reported for NDCG and Recall. */
    public static final int[] CUTOFFS = {5, 10, 20};

    /**
     * Averages the metrics over users given each target's 1-based rank.
     *
     * @throws IllegalArgumentException if {@code ranks} is empty
     */
    public static RankingMetrics of(int[] ranks, boolean seenMasked) {
        if (ranks.length == 0) {
            throw new IllegalArgumentException("no users to evaluate");
        }
        double[] ndcg = new double[CUTOFFS.length];
        double[] recall = new double[CUTOFFS.length];
        double reciprocalRanks = 0;
        for (int rank : ranks) {
            if (rank < 1) {
                throw new IllegalArgumentException("ranks are 1-based, got " + rank);
            }
            reciprocalRanks += 1.0 / rank;
            for (int c = 0; c < CUTOFFS.length; c++) {
                if (rank <= CUTOFFS[c]) {
                    recall[c] += 1;
                    ndcg[c] += discount(rank);
                }
            }
        }
        double n = ranks.length;
        return new RankingMetrics(ranks.length, seenMasked,
                ndcg[0] / n, ndcg[1] / n, ndcg[2] / n,
                recall[0] / n, recall[1] / n, recall[2] / n,
                reciprocalRanks / n);
    }

    /** DCG of one relevant item at {@code rank}; the ideal DCG is 1, so this is also its NDCG. */
    static double discount(int rank) {
        return 1.0 / (Math.log(rank + 1) / Math.log(2));
    }

    /** The metric names and values as stored on a model and in job metrics, e.g. {@code ndcg@10}. */
    public Map<String, Double> asMap() {
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("ndcg@5", ndcgAt5);
        values.put("ndcg@10", ndcgAt10);
        values.put("ndcg@20", ndcgAt20);
        values.put("recall@5", recallAt5);
        values.put("recall@10", recallAt10);
        values.put("recall@20", recallAt20);
        values.put("mrr", mrr);
        return values;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT,
                "users=%d seenMasked=%s NDCG@5=%.4f NDCG@10=%.4f NDCG@20=%.4f "
                        + "Recall@5=%.4f Recall@10=%.4f Recall@20=%.4f MRR=%.4f",
                users, seenMasked, ndcgAt5, ndcgAt10, ndcgAt20, recallAt5, recallAt10, recallAt20, mrr);
    }
}
