package io.semrec.worker;

import static io.semrec.worker.TestDb.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The worker process's own slots, driven through the database as the app would drive them. */
@QuarkusTest
class WorkerLoopTest {

    @Inject
    DataSource dataSource;

    @Inject
    ScriptedMethod scripted;

    @Inject
    TrainingWorker worker;

    private TestDb db;

    @BeforeEach
    void setUp() {
        db = new TestDb(dataSource);
    }

    @Test
    void trainsAndPublishesWritingProgressAndMetrics() {
        long catalog = db.catalog();
        long job = db.job(catalog, ScriptedMethod.NAME, "{\"steps\": 20, \"stepMillis\": 50, \"score\": 0.42}",
                "always", 3);
        // Polling is set to 30 s in tests, so a prompt start means the insert's NOTIFY woke a slot.
        db.awaitJob(job, Duration.ofSeconds(5), row -> !"queued".equals(row.get("status")));
        Map<String, Object> running = db.awaitJob(job, Duration.ofSeconds(5), row -> progress(job).get("phase") != null);
        assertEquals("running", running.get("status"));
        assertEquals("train", progress(job).get("phase"));
        assertEquals("20", progress(job).get("total"));
        TestDb.await(Duration.ofSeconds(2), () -> db.queryLong("SELECT count(*) FROM worker WHERE current_job_id = ?", job) == 1,
                () -> "no worker row shows job " + job);

        Map<String, Object> done = db.awaitJob(job, Duration.ofSeconds(10), status("succeeded"));
        long model = ((Number) done.get("model_id")).longValue();
        assertEquals(job, db.queryLong("SELECT job_id FROM model WHERE id = ?", model));
        assertEquals(TestDb.ITEMS, db.queryLong("SELECT count(*) FROM item_vector WHERE model_id = ?", model));
        assertEquals(0.42, ((Number) db.row("SELECT (metrics ->> 'ndcg@10')::float8 AS score FROM model WHERE id = ?",
                model).get("score")).doubleValue(), 1e-9);
        assertEquals(model, db.queryLong("SELECT active_model_id FROM catalog WHERE id = ?", catalog));
        assertNull(done.get("lease_owner"));
        assertEquals("20", progress(job).get("step"));
        assertNotNull(progress(job).get("elapsedSeconds"));
        assertEquals(20, db.queryLong("SELECT max(step) FROM job_metric WHERE job_id = ? AND name = 'loss'", job));
        assertEquals(0.42, ((Number) db.row("SELECT value FROM job_metric WHERE job_id = ? AND name = 'ndcg@10'", job)
                .get("value")).doubleValue(), 1e-9);
        assertEquals(1, scripted.starts(job));
    }

    @Test
    void fastTrainerMetricsAreSampledNotFlooded() {
        long job = db.job(db.catalog(), ScriptedMethod.NAME, "{\"steps\": 100000, \"stepMillis\": 0}");
        db.awaitJob(job, Duration.ofSeconds(20), status("succeeded"));
        long points = db.queryLong("SELECT count(*) FROM job_metric WHERE job_id = ? AND name = 'loss'", job);
        assertTrue(points >= 1 && points < 1000, "loss points written: " + points);
        assertEquals(100000, db.queryLong("SELECT max(step) FROM job_metric WHERE job_id = ? AND name = 'loss'", job));
    }

    @Test
    void cancellationStopsARunningJobWithinSeconds() {
        long job = db.job(db.catalog(), ScriptedMethod.NAME, "{\"mode\": \"until-stopped\", \"stepMillis\": 20}");
        db.awaitJob(job, Duration.ofSeconds(5), status("running"));
        long requested = System.nanoTime();
        db.update("UPDATE training_job SET cancel_requested = true WHERE id = ?", job);
        Map<String, Object> row = db.awaitJob(job, Duration.ofSeconds(3), status("cancelled"));
        assertTrue(Duration.ofNanos(System.nanoTime() - requested).toMillis() < 3000);
        assertNotNull(row.get("finished_at"));
        assertNull(row.get("model_id"));
        assertNull(row.get("lease_owner"));
    }

    @Test
    void aTrainerFailureFailsTheJobWithoutRetry() {
        long job = db.job(db.catalog(), ScriptedMethod.NAME, "{\"mode\": \"fail\"}");
        Map<String, Object> row = db.awaitJob(job, Duration.ofSeconds(5), status("failed"));
        assertEquals("IllegalStateException: scripted failure", row.get("error"));
        assertEquals(1, row.get("attempts"));
        assertEquals(1, scripted.starts(job));
    }

    @Test
    void parametersTheSpecRejectsFailTheJobNamingTheField() {
        long job = db.job(db.catalog(), ScriptedMethod.NAME, "{\"steps\": 0}");
        Map<String, Object> row = db.awaitJob(job, Duration.ofSeconds(5), status("failed"));
        assertTrue(row.get("error").toString().startsWith("params.steps: "), row.toString());
        assertEquals(0, scripted.starts(job));
    }

    private Map<String, Object> progress(long job) {
        return db.row("SELECT progress ->> 'phase' AS phase, progress ->> 'step' AS step, progress ->> 'total' AS total, "
                + "progress ->> 'elapsedSeconds' AS \"elapsedSeconds\" FROM training_job WHERE id = ?", job);
    }

    @Test
    void slotsAreRegisteredAndHeartbeat() {
        for (String slot : worker.slotIds()) {
            Map<String, Object> row = db.row("SELECT host, extract(epoch FROM now() - last_heartbeat) AS silent "
                    + "FROM worker WHERE id = ?", slot);
            assertNotNull(row.get("host"), "no worker row for " + slot);
            assertTrue(((Number) row.get("silent")).doubleValue() < 2, row.toString());
        }
    }
}
