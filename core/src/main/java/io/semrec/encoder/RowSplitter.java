package io.semrec.encoder;

import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * Runs a row-wise step over a range of rows, split into one contiguous chunk per thread of a private
 * pool, or on the calling thread alone when configured with one thread. Chunks must touch disjoint
 * rows; the call returns when all are done.
 */
final class RowSplitter {

    /** A step over rows {@code from..to-1}. */
    @FunctionalInterface
    interface RowRange {
        void run(int from, int to);
    }

    private final int threads;
    private final ForkJoinPool pool;

    RowSplitter(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.threads = threads;
        this.pool = threads == 1 ? null : new ForkJoinPool(threads);
    }

    void run(int from, int to, RowRange step) {
        int count = to - from;
        int chunks = Math.min(threads, count);
        if (chunks <= 1) {
            step.run(from, to);
            return;
        }
        pool.submit(() -> IntStream.range(0, chunks).parallel().forEach(chunk ->
                step.run(from + chunk * count / chunks, from + (chunk + 1) * count / chunks))).join();
    }
}
