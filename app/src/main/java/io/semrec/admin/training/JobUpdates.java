package io.semrec.admin.training;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.semrec.admin.AdminUiConfig;
import io.semrec.catalog.CatalogRef;
import io.semrec.jobs.TrainingJobService;
import io.semrec.jobs.TrainingJobView.MetricPoint;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A training job's live updates for its page: the job as it is now on every read, plus the curve
 * points recorded since the previous one. Workers write progress with every heartbeat but notify
 * only when a job is queued, so each stream reads the job in a short transaction at a fixed pace:
 * it holds no connection in between, and it ends once the job has finished.
 */
@ApplicationScoped
public class JobUpdates {

    /**
     * One update; {@code reset} says the points replace everything shown so far (the first update,
     * or a retry, which records its curves afresh).
     */
    public record JobUpdate(JobSummary summary, boolean reset, Map<String, List<MetricPoint>> points) {
    }

    private final TrainingJobService jobs;
    private final AdminUiConfig config;

    JobUpdates(TrainingJobService jobs, AdminUiConfig config) {
        this.jobs = jobs;
        this.config = config;
    }

    /** Updates until the job finishes; the first one comes at once. */
    public Multi<JobUpdate> follow(CatalogRef catalog, long jobId) {
        return Multi.createFrom().emitter(emitter -> {
            Watch watch = new Watch(catalog, jobId);
            ScheduledFuture<?> reads = Infrastructure.getDefaultWorkerPool().scheduleWithFixedDelay(() -> {
                try {
                    JobUpdate update = QuarkusTransaction.requiringNew().call(watch::next);
                    emitter.emit(update);
                    if (update.summary().finished()) {
                        emitter.complete();
                    }
                } catch (RuntimeException e) {
                    emitter.fail(e);
                }
            }, 0, config.jobRefresh().toMillis(), TimeUnit.MILLISECONDS);
            emitter.onTermination(() -> reads.cancel(false));
        });
    }

    /** What one stream has sent so far. */
    private final class Watch {

        private final CatalogRef catalog;
        private final long jobId;
        private final Map<String, Map<Integer, Double>> sent = new HashMap<>();
        private Integer attempt;

        Watch(CatalogRef catalog, long jobId) {
            this.catalog = catalog;
            this.jobId = jobId;
        }

        JobUpdate next() {
            JobSummary summary = JobSummary.of(jobs.get(catalog, jobId));
            boolean reset = !Objects.equals(attempt, summary.job().attempts());
            if (reset) {
                attempt = summary.job().attempts();
                sent.clear();
            }
            Map<String, List<MetricPoint>> fresh = new LinkedHashMap<>();
            JobCurves.points(jobs.metrics(catalog, jobId)).forEach((name, points) -> {
                Map<Integer, Double> known = sent.computeIfAbsent(name, n -> new HashMap<>());
                List<MetricPoint> changed = new ArrayList<>();
                for (MetricPoint point : points) {
                    if (!Objects.equals(known.put(point.step(), point.value()), point.value())) {
                        changed.add(point);
                    }
                }
                if (!changed.isEmpty() || reset) {
                    fresh.put(name, changed);
                }
            });
            return new JobUpdate(summary, reset, fresh);
        }
    }
}
