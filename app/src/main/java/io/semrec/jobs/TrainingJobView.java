package io.semrec.jobs;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/** A training job as the API shows it; {@code metrics} (latest value of each) only on single-job reads. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrainingJobView(
        long id,
        String catalog,
        String method,
        String kind,
        Long baseModel,
        Map<String, Object> params,
        String activate,
        String status,
        int attempts,
        int maxAttempts,
        boolean cancelRequested,
        String worker,
        Progress progress,
        Map<String, Double> metrics,
        String error,
        Long modelId,
        OffsetDateTime scheduledFor,
        OffsetDateTime createdAt,
        OffsetDateTime startedAt,
        OffsetDateTime finishedAt) {

    /**
     * How far the current attempt is: the trainer's phase and step of total, time since the attempt
     * started, and the estimated time left in the phase.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Progress(String phase, Integer step, Integer total, Double elapsedSeconds, Double etaSeconds) {
    }

    /** One recorded value of a metric series. */
    public record MetricPoint(int step, double value) {
    }

    /** A job's metric series by name, in step order. */
    public record Metrics(Map<String, List<MetricPoint>> series) {
    }

    static TrainingJobView of(TrainingJob job, String catalogSlug, Map<String, Double> metrics, Instant now) {
        return new TrainingJobView(job.id, catalogSlug, job.method, job.kind, job.baseModelId, job.params, job.activate, job.status, job.attempts,
                job.maxAttempts, job.cancelRequested, job.leaseOwner, progress(job, now), metrics, job.error, job.modelId,
                job.scheduledFor, job.createdAt, job.startedAt, job.finishedAt);
    }

    private static Progress progress(TrainingJob job, Instant now) {
        if (job.startedAt == null || JobStatus.QUEUED.wireName().equals(job.status)) {
            return null;
        }
        boolean running = JobStatus.RUNNING.wireName().equals(job.status);
        Instant end = running || job.finishedAt == null ? now : job.finishedAt.toInstant();
        Double eta = null;
        if (running && job.progress.get("etaSeconds") instanceof Number estimate
                && job.progress.get("updatedAt") instanceof String updated) {
            // The worker wrote the estimate at its last progress write; count down from then.
            double since = Duration.between(Instant.parse(updated), now).toMillis() / 1000.0;
            eta = Math.max(0, estimate.doubleValue() - since);
        }
        return new Progress((String) job.progress.get("phase"), integer(job.progress.get("step")),
                integer(job.progress.get("total")), Duration.between(job.startedAt.toInstant(), end).toMillis() / 1000.0,
                eta);
    }

    private static Integer integer(Object value) {
        return value instanceof Number number ? number.intValue() : null;
    }
}
