package io.semrec.ingest;

import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Running totals of one import. Errors are listed up to a cap, keeping the lowest line numbers:
 * database rejections of a batch arrive after parse errors of later lines.
 */
final class ImportTally {

    private final int maxListedErrors;
    private final IngestMetrics.Counters counters;
    // Highest line on top, so the list can drop it when a lower line arrives at the cap.
    private final PriorityQueue<LineError> errors = new PriorityQueue<>(
            Comparator.comparingLong(LineError::line).reversed());
    private long accepted;
    private long updated;
    private long unchanged;
    private long rejected;

    ImportTally(int maxListedErrors, IngestMetrics.Counters counters) {
        this.maxListedErrors = maxListedErrors;
        this.counters = counters;
    }

    void reject(LineError error) {
        rejected++;
        counters.rejected().increment();
        if (errors.size() < maxListedErrors) {
            errors.add(error);
        } else if (maxListedErrors > 0 && error.line() < errors.peek().line()) {
            errors.poll();
            errors.add(error);
        }
    }

    void add(int rows, BatchResult result) {
        long same = rows - result.inserted() - result.updated() - result.rejected().size();
        accepted += result.inserted();
        updated += result.updated();
        unchanged += same;
        counters.accepted().increment(result.inserted());
        counters.updated().increment(result.updated());
        counters.unchanged().increment(same);
        result.rejected().forEach(this::reject);
    }

    IngestReport report() {
        List<LineError> listed = errors.stream().sorted(Comparator.comparingLong(LineError::line)).toList();
        return new IngestReport(accepted, updated, unchanged, rejected, listed);
    }
}
