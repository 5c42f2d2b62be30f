package io.semrec.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ranks every item of the catalog for each user and reports where the target landed. Ties (and NaN
 * scores) count against the target: its rank is 1 + the number of other candidates scoring at least
 * as high, so a constant scorer ranks every target last.
 */
public final class FullRankingEvaluator {

    private static final int[] NOTHING_SEEN = new int[0];

    private final int itemCount;
    private final EvaluationOptions options;

    public FullRankingEvaluator(int itemCount, EvaluationOptions options) {
        if (itemCount < 1) {
            throw new IllegalArgumentException("itemCount must be at least 1");
        }
        this.itemCount = itemCount;
        this.options = options;
    }

    public EvaluationOptions options() {
        return options;
    }

    /**
     * @throws IllegalArgumentException if {@code users} is empty (metrics would be undefined)
     */
    public RankingMetrics evaluate(BatchScorer scorer, EvaluationSet users) {
        return RankingMetrics.of(ranks(scorer, users), options.maskSeen());
    }

    /** The target's 1-based rank for each user, in the order of {@code users}. */
    public int[] ranks(BatchScorer scorer, EvaluationSet users) {
        int[] ranks = new int[users.size()];
        int batches = (users.size() + options.batchSize() - 1) / options.batchSize();
        AtomicInteger nextBatch = new AtomicInteger();
        Runnable worker = () -> {
            float[][] buffer = new float[options.batchSize()][itemCount];
            for (int batch = nextBatch.getAndIncrement(); batch < batches; batch = nextBatch.getAndIncrement()) {
                rankBatch(scorer, users, batch * options.batchSize(), buffer, ranks);
            }
        };
        int threads = Math.min(options.threads(), Math.max(batches, 1));
        if (threads == 1) {
            worker.run();
        } else {
            runInParallel(worker, threads);
        }
        return ranks;
    }

    private void rankBatch(BatchScorer scorer, EvaluationSet users, int from, float[][] buffer, int[] ranks) {
        int size = Math.min(options.batchSize(), users.size() - from);
        int[][] windows = new int[size][];
        for (int b = 0; b < size; b++) {
            windows[b] = mostRecent(users.histories()[from + b], options.historyWindow());
        }
        float[][] scores = size == buffer.length ? buffer : Arrays.copyOf(buffer, size);
        scorer.score(windows, scores);
        for (int b = 0; b < size; b++) {
            int user = from + b;
            int[] seen = options.maskSeen() ? users.histories()[user] : NOTHING_SEEN;
            ranks[user] = rank(scores[b], users.targets()[user], seen);
        }
    }

    /**
     * 1 + the number of candidates other than {@code target} whose score is not below the target's;
     * items in {@code masked} (other than the target) are not candidates.
     */
    public static int rank(float[] scores, int target, int[] masked) {
        float targetScore = scores[target];
        int atLeastAsHigh = 0;
        for (float score : scores) {
            if (!(score < targetScore)) {
                atLeastAsHigh++;
            }
        }
        // The loop counted the target itself.
        atLeastAsHigh--;
        int[] distinct = masked.length == 0 ? masked : Arrays.stream(masked).distinct().toArray();
        for (int item : distinct) {
            if (item != target && !(scores[item] < targetScore)) {
                atLeastAsHigh--;
            }
        }
        return 1 + atLeastAsHigh;
    }

    /** The last {@code window} entries of {@code history}, or the history itself when shorter. */
    public static int[] mostRecent(int[] history, int window) {
        return history.length <= window ? history : Arrays.copyOfRange(history, history.length - window, history.length);
    }

    private static void runInParallel(Runnable worker, int threads) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                running.add(pool.submit(worker));
            }
            for (Future<?> future : running) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("evaluation interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("scoring failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
