package io.semrec.queue;

import java.util.List;

/**
 * Progress reported since the last write: the job's new {@code progress} document (null when
 * unchanged) and the metric points to record.
 */
public record ProgressSnapshot(String progressJson, List<MetricPoint> metrics) {

    public static final ProgressSnapshot EMPTY = new ProgressSnapshot(null, List.of());

    public record MetricPoint(String name, int step, double value) {
    }
}
