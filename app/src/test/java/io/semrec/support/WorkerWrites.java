package io.semrec.support;

import io.semrec.model.ItemVector;
import io.semrec.model.ModelDraft;
import io.semrec.model.ModelPublisher;
import io.semrec.model.ScoreMetric;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * What a training worker writes while it runs a job (its {@code JobQueue}, {@code WorkerRegistry} and
 * publishing step), for app tests that watch jobs and models without running a worker.
 */
public final class WorkerWrites {

    private static final int DIM = 8;

    private WorkerWrites() {
    }

    /** The worker claims the job: running, one attempt more, leased to {@code owner}. */
    public static void claim(long jobId, String owner) {
        Fixtures.update("UPDATE training_job SET status = 'running', attempts = attempts + 1, lease_owner = ?, "
                + "lease_until = now() + interval '30 seconds', started_at = now(), progress = '{}'::jsonb WHERE id = ?",
                owner, jobId);
    }

    /** A heartbeat's progress document: the phase, its step of total and the estimated time left in it. */
    public static void progress(long jobId, String phase, int step, int total, double etaSeconds) {
        Fixtures.update("UPDATE training_job SET progress = jsonb_build_object('phase', ?::text, 'step', ?::int, "
                + "'total', ?::int, 'etaSeconds', ?::float8, 'updatedAt', "
                + "to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')) WHERE id = ?",
                phase, step, total, etaSeconds, jobId);
    }

    /** One recorded point of a metric, such as {@code train.epoch_loss} at an epoch. */
    public static void metric(long jobId, String name, int step, double value) {
        Fixtures.update("INSERT INTO job_metric (catalog_id, job_id, name, step, value) "
                + "SELECT catalog_id, id, ?, ?, ? FROM training_job WHERE id = ?", name, step, value, jobId);
    }

    /** The trainer failed: no retry. */
    public static void fail(long jobId, String error) {
        Fixtures.update("UPDATE training_job SET status = 'failed', error = ?, finished_at = now(), lease_owner = NULL, "
                + "lease_until = NULL WHERE id = ?", error, jobId);
    }

    /** The job published {@code modelId}. */
    public static void succeed(long jobId, long modelId) {
        Fixtures.update("UPDATE training_job SET status = 'succeeded', model_id = ?, finished_at = now(), "
                + "lease_owner = NULL, lease_until = NULL WHERE id = ?", modelId, jobId);
    }

    /** A worker slot's row as its heartbeat leaves it, {@code silentSeconds} ago. */
    public static void heartbeat(String slotId, String host, int slot, Long jobId, int silentSeconds) {
        Fixtures.update("INSERT INTO worker (id, host, slot, current_job_id, last_heartbeat, started_at) "
                + "VALUES (?, ?, ?, ?, now() - make_interval(secs => ?), now() - interval '1 hour') "
                + "ON CONFLICT (id) DO UPDATE SET last_heartbeat = EXCLUDED.last_heartbeat, "
                + "current_job_id = EXCLUDED.current_job_id", slotId, host, slot, jobId, silentSeconds);
    }

    /**
     * Publishes a model of random vectors for every item of the catalog, with the metrics and data
     * snapshot a training run records, through the publisher the worker uses; not activated.
     */
    public static long publish(String catalog, Long jobId, String method, Map<String, Object> params,
            Map<String, Object> metrics, Map<String, Object> snapshot, long seed) {
        long catalogId = Fixtures.catalogId(catalog);
        try (Connection c = Fixtures.dataSource().getConnection()) {
            List<ItemVector> vectors = new ArrayList<>();
            Random random = new Random(seed);
            try (PreparedStatement items = c.prepareStatement("SELECT id FROM item WHERE catalog_id = ? ORDER BY id")) {
                items.setLong(1, catalogId);
                try (ResultSet rs = items.executeQuery()) {
                    while (rs.next()) {
                        float[] vector = new float[DIM];
                        for (int d = 0; d < DIM; d++) {
                            vector[d] = random.nextFloat() * 2 - 1;
                        }
                        vectors.add(new ItemVector(rs.getLong(1), vector));
                    }
                }
            }
            c.setAutoCommit(false);
            long modelId = new ModelPublisher("64MB").publish(c, new ModelDraft(catalogId, jobId, method,
                    ScoreMetric.COSINE, params, metrics, snapshot), vectors.iterator());
            c.commit();
            return modelId;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
