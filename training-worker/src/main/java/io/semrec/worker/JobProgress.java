package io.semrec.worker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.semrec.queue.ProgressSnapshot;
import io.semrec.queue.ProgressSnapshot.MetricPoint;
import io.semrec.training.ProgressReporter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects a trainer's reports in memory; each heartbeat drains them into one write, which is what
 * keeps a fast trainer from flooding the database: each series keeps its latest
 * {@link #POINTS_PER_SERIES} steps between two heartbeats, so a per-step loss is thinned while a
 * per-epoch series (validation, epoch loss) loses no point even when epochs take less than a heartbeat.
 */
final class JobProgress implements ProgressReporter {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Points kept per series between two heartbeats (the latest steps). */
    static final int POINTS_PER_SERIES = 16;

    private final Clock clock;
    private final Instant started;
    private String phase = "starting";
    private int total;
    private int step;
    private Instant phaseStarted;
    private boolean changed = true;
    /** By series name (in the order names first appeared), then by step (oldest first); a step reported again keeps its last value. */
    private final Map<String, LinkedHashMap<Integer, MetricPoint>> pending = new LinkedHashMap<>();

    JobProgress(Clock clock) {
        this.clock = clock;
        this.started = clock.instant();
        this.phaseStarted = started;
    }

    @Override
    public synchronized void phase(String name, int total) {
        if (name == null || name.isBlank() || total < 0) {
            throw new IllegalArgumentException("a phase needs a name and a total of at least 0");
        }
        this.phase = name;
        this.total = total;
        this.step = 0;
        this.phaseStarted = clock.instant();
        this.changed = true;
    }

    @Override
    public synchronized void step(int done) {
        this.step = done;
        this.changed = true;
    }

    @Override
    public synchronized void metric(String name, int step, double value) {
        LinkedHashMap<Integer, MetricPoint> series = pending.computeIfAbsent(name, n -> new LinkedHashMap<>());
        series.remove(step);
        series.put(step, new MetricPoint(name, step, value));
        if (series.size() > POINTS_PER_SERIES) {
            series.remove(series.keySet().iterator().next());
        }
    }

    /** What was reported since the last call; {@link ProgressSnapshot#EMPTY} when nothing was. */
    synchronized ProgressSnapshot drain() {
        if (!changed && pending.isEmpty()) {
            return ProgressSnapshot.EMPTY;
        }
        List<MetricPoint> points = new ArrayList<>();
        pending.values().forEach(series -> points.addAll(series.values()));
        ProgressSnapshot snapshot = new ProgressSnapshot(changed ? document() : null, points);
        changed = false;
        pending.clear();
        return snapshot;
    }

    private String document() {
        Instant now = clock.instant();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("phase", phase);
        doc.put("step", step);
        doc.put("total", total);
        doc.put("startedAt", started.toString());
        doc.put("updatedAt", now.toString());
        doc.put("elapsedSeconds", seconds(Duration.between(started, now)));
        if (total > 0 && step > 0) {
            // The current phase's own pace, so a slow setup phase does not distort the estimate.
            double perStep = seconds(Duration.between(phaseStarted, now)) / step;
            doc.put("etaSeconds", Math.max(0, total - step) * perStep);
        }
        try {
            return JSON.writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}
