package io.semrec.queue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.semrec.catalog.CatalogSettings;
import io.semrec.training.TrainingOutcome;
import io.semrec.training.TrainingOutcome.Baseline;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The training job queue in PostgreSQL: claims with {@code FOR UPDATE SKIP LOCKED}, leases renewed by
 * heartbeats, and writes fenced by the claimed attempt so a worker that lost a job changes nothing.
 */
@ApplicationScoped
public class JobQueue {

    /** The channel the {@code training_job_enqueued} trigger notifies; requeues notify it too. */
    public static final String CHANNEL = "training_job";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> PARAMS = new TypeReference<>() { };

    /** Every write for a claimed job carries this predicate: still running this attempt under this owner. */
    private static final String FENCE = "id = ? AND attempts = ? AND lease_owner = ? AND status = 'running'";

    private static final String CLAIM = """
            WITH claimed AS (
                UPDATE training_job j
                   SET status = 'running', attempts = j.attempts + 1, lease_owner = ?,
                       lease_until = now() + make_interval(secs => ?), started_at = now(),
                       progress = '{}'::jsonb, error = NULL
                 WHERE j.status = 'queued' AND j.id = (
                       SELECT id FROM training_job
                        WHERE status = 'queued' AND method = ANY (?)
                        ORDER BY created_at, id
                        LIMIT 1
                        FOR UPDATE SKIP LOCKED)
                RETURNING j.*
            ), cleared AS (
                -- a retry starts its curves afresh
                DELETE FROM job_metric m USING claimed c WHERE m.catalog_id = c.catalog_id AND m.job_id = c.id
            )
            SELECT c.id, c.catalog_id, k.slug, k.settings::text AS settings, c.method, c.kind, c.base_model_id,
                   c.params::text AS params,
                   c.activate, c.attempts, c.max_attempts
              FROM claimed c JOIN catalog k ON k.id = c.catalog_id
            """;

    private static final String REAP = """
            WITH expired AS (
                SELECT id FROM training_job
                 WHERE status = 'running' AND lease_until < now()
                 FOR UPDATE SKIP LOCKED
            )
            UPDATE training_job j
               SET status = CASE WHEN j.cancel_requested THEN 'cancelled'
                                 WHEN j.attempts >= j.max_attempts THEN 'failed'
                                 ELSE 'queued' END,
                   error = CASE WHEN NOT j.cancel_requested AND j.attempts >= j.max_attempts
                                THEN format('gave up after %s attempts: the worker running the last one (%s) '
                                            || 'stopped renewing its lease', j.attempts, j.lease_owner)
                           END,
                   finished_at = CASE WHEN j.cancel_requested OR j.attempts >= j.max_attempts THEN now() END,
                   lease_owner = NULL, lease_until = NULL
              FROM expired e
             WHERE j.id = e.id
            RETURNING j.id, j.status
            """;

    private final DataSource dataSource;

    JobQueue(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Takes the oldest queued job of one of {@code methods}, if any, and leases it to {@code owner}. */
    public Optional<ClaimedJob> claim(String owner, Collection<String> methods, Duration lease) {
        return inTransaction(c -> {
            try (PreparedStatement claim = c.prepareStatement(CLAIM)) {
                claim.setString(1, owner);
                claim.setDouble(2, seconds(lease));
                claim.setArray(3, c.createArrayOf("text", methods.toArray()));
                try (ResultSet row = claim.executeQuery()) {
                    if (!row.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new ClaimedJob(row.getLong("id"), row.getLong("catalog_id"),
                            row.getString("slug"), JSON.readValue(row.getString("settings"), CatalogSettings.class),
                            row.getString("method"), row.getString("kind"), row.getObject("base_model_id", Long.class),
                            JSON.readValue(row.getString("params"), PARAMS),
                            row.getString("activate"), row.getInt("attempts"), row.getInt("max_attempts"), owner));
                }
            }
        });
    }

    /** Renews the lease and writes the progress reported since the last heartbeat. */
    public LeaseState heartbeat(ClaimedJob job, Duration lease, ProgressSnapshot progress) {
        return inTransaction(c -> renew(c, job, lease, progress));
    }

    /**
     * Publishes the outcome and marks the job succeeded in one transaction that first checks the job is
     * still this worker's attempt, so a worker whose lease expired cannot publish over a retry.
     *
     * @return the published model's id
     * @throws LostJobException (after rolling everything back) when the job is no longer held
     */
    public long succeed(ClaimedJob job, Duration lease, ProgressSnapshot progress, TrainingOutcome outcome,
            String activationMetric) {
        return inTransaction(c -> {
            if (renew(c, job, lease, progress) == LeaseState.LOST) {
                throw new LostJobException(job);
            }
            long modelId = outcome.publication().publish(c);
            if (!"never".equals(job.activate())) {
                activate(c, job, modelId, outcome.baseline(), activationMetric);
            }
            fenced(c, job, "status = 'succeeded', model_id = ?, finished_at = now(), lease_owner = NULL, "
                    + "lease_until = NULL", modelId);
            return modelId;
        });
    }

    /** Marks the job failed with {@code reason}; no retry (retries are for workers that died). */
    public void fail(ClaimedJob job, ProgressSnapshot progress, String reason) {
        finish(job, progress, "status = 'failed', error = ?, finished_at = now(), lease_owner = NULL, lease_until = NULL",
                reason);
    }

    /** Marks the job cancelled after its trainer stopped on request. */
    public void cancel(ClaimedJob job, ProgressSnapshot progress) {
        finish(job, progress, "status = 'cancelled', finished_at = now(), lease_owner = NULL, lease_until = NULL");
    }

    /** Puts the job back in the queue without counting the attempt: this worker is shutting down. */
    public void release(ClaimedJob job) {
        inTransaction(c -> {
            fenced(c, job, "status = 'queued', attempts = attempts - 1, lease_owner = NULL, lease_until = NULL, "
                    + "started_at = NULL, progress = '{}'::jsonb");
            notifyQueued(c, job.id());
            return null;
        });
    }

    /**
     * Handles jobs whose worker stopped renewing its lease: requeued (and announced) while attempts
     * remain, failed with the reason once they are used up, cancelled if cancellation was requested.
     *
     * @return the ids of requeued jobs
     */
    public List<Long> reapExpired() {
        return inTransaction(c -> {
            List<Long> requeued = new ArrayList<>();
            try (PreparedStatement reap = c.prepareStatement(REAP); ResultSet rows = reap.executeQuery()) {
                while (rows.next()) {
                    if ("queued".equals(rows.getString("status"))) {
                        requeued.add(rows.getLong("id"));
                    }
                }
            }
            for (long id : requeued) {
                notifyQueued(c, id);
            }
            return requeued;
        });
    }

    /**
     * Points the catalog at the new model: always, or ("if-better") only while the catalog's active model
     * is still the one the job measured and the new model beats it on {@code metric}.
     */
    private static void activate(Connection c, ClaimedJob job, long modelId, Baseline baseline, String metric)
            throws SQLException {
        if (!"always".equals(job.activate()) && !beats(c, job.catalogId(), modelId, baseline, metric)) {
            return;
        }
        try (PreparedStatement activate = c.prepareStatement(
                "UPDATE catalog SET active_model_id = ?, updated_at = now() WHERE id = ?")) {
            activate.setLong(1, modelId);
            activate.setLong(2, job.catalogId());
            activate.executeUpdate();
        }
    }

    private static boolean beats(Connection c, long catalogId, long modelId, Baseline baseline, String metric)
            throws SQLException {
        Long active;
        try (PreparedStatement lock = c.prepareStatement(
                "SELECT active_model_id FROM catalog WHERE id = ? FOR UPDATE")) {
            lock.setLong(1, catalogId);
            try (ResultSet row = lock.executeQuery()) {
                row.next();
                active = row.getObject(1, Long.class);
            }
        }
        Baseline measured = baseline == null ? Baseline.NONE : baseline;
        if (!Objects.equals(active, measured.modelId())) {
            // The active model changed while the job ran: an operator's choice stands.
            return false;
        }
        if (measured.modelId() == null || measured.validation() == null) {
            return true;
        }
        Double champion = measured.validation().get(metric);
        Double challenger = metric(c, modelId, metric);
        return challenger != null && (champion == null || challenger > champion);
    }

    private static Double metric(Connection c, long modelId, String metric) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT (metrics ->> ?)::float8 FROM model WHERE id = ?")) {
            select.setString(1, metric);
            select.setLong(2, modelId);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getObject(1, Double.class) : null;
            }
        }
    }

    private void finish(ClaimedJob job, ProgressSnapshot progress, String set, Object... values) {
        inTransaction(c -> {
            if (renew(c, job, Duration.ZERO, progress) == LeaseState.LOST) {
                throw new LostJobException(job);
            }
            fenced(c, job, set, values);
            return null;
        });
    }

    private static LeaseState renew(Connection c, ClaimedJob job, Duration lease, ProgressSnapshot progress)
            throws SQLException {
        boolean cancelRequested;
        try (PreparedStatement renew = c.prepareStatement("UPDATE training_job SET lease_until = now() + "
                + "make_interval(secs => ?), progress = COALESCE(?::jsonb, progress) WHERE " + FENCE
                + " RETURNING cancel_requested")) {
            renew.setDouble(1, seconds(lease));
            renew.setString(2, progress.progressJson());
            bindFence(renew, 3, job);
            try (ResultSet row = renew.executeQuery()) {
                if (!row.next()) {
                    return LeaseState.LOST;
                }
                cancelRequested = row.getBoolean(1);
            }
        }
        if (!progress.metrics().isEmpty()) {
            try (PreparedStatement insert = c.prepareStatement("""
                    INSERT INTO job_metric (catalog_id, job_id, name, step, value) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (catalog_id, job_id, name, step)
                    DO UPDATE SET value = EXCLUDED.value, recorded_at = now()
                    """)) {
                for (ProgressSnapshot.MetricPoint point : progress.metrics()) {
                    insert.setLong(1, job.catalogId());
                    insert.setLong(2, job.id());
                    insert.setString(3, point.name());
                    insert.setInt(4, point.step());
                    insert.setDouble(5, point.value());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }
        return cancelRequested ? LeaseState.CANCEL_REQUESTED : LeaseState.HELD;
    }

    private static void fenced(Connection c, ClaimedJob job, String set, Object... values) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE training_job SET " + set + " WHERE " + FENCE)) {
            for (int i = 0; i < values.length; i++) {
                update.setObject(i + 1, values[i]);
            }
            bindFence(update, values.length + 1, job);
            if (update.executeUpdate() == 0) {
                throw new LostJobException(job);
            }
        }
    }

    private static void bindFence(PreparedStatement statement, int first, ClaimedJob job) throws SQLException {
        statement.setLong(first, job.id());
        statement.setInt(first + 1, job.attempt());
        statement.setString(first + 2, job.owner());
    }

    private static void notifyQueued(Connection c, long jobId) throws SQLException {
        try (PreparedStatement notify = c.prepareStatement("SELECT pg_notify(?, ?)")) {
            notify.setString(1, CHANNEL);
            notify.setString(2, Long.toString(jobId));
            notify.execute();
        }
    }

    private <T> T inTransaction(SqlWork<T> work) {
        return QuarkusTransaction.requiringNew().call(() -> {
            try (Connection c = dataSource.getConnection()) {
                return work.run(c);
            }
        });
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    @FunctionalInterface
    private interface SqlWork<T> {
        T run(Connection connection) throws Exception;
    }
}
