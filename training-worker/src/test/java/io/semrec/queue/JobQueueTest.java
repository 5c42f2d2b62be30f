package io.semrec.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.semrec.model.Model;
import io.semrec.model.ModelDraft;
import io.semrec.model.ModelPublisher;
import io.semrec.model.ScoreMetric;
import io.semrec.training.TrainingOutcome;
import io.semrec.training.TrainingOutcome.Baseline;
import io.semrec.worker.TestDb;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Claims, leases and fenced writes, driven directly with method names no worker slot runs. */
@QuarkusTest
class JobQueueTest {

    private static final Duration SHORT_LEASE = Duration.ofMillis(100);
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final String METRIC = "ndcg@10";

    @Inject
    JobQueue queue;

    @Inject
    DataSource dataSource;

    @Inject
    ModelPublisher publisher;

    private TestDb db;
    private String method;

    @BeforeEach
    void setUp() {
        db = new TestDb(dataSource);
        method = "queue-test-" + UUID.randomUUID();
    }

    @Test
    void claimsTheOldestJobOfAMethodItKnows() {
        long catalog = db.catalog();
        String other = method + "-other";
        long first = db.job(catalog, method, "{\"a\": 1}");
        long second = db.job(catalog, method, "{}");
        long otherJob = db.job(catalog, other, "{}");

        ClaimedJob claimed = queue.claim("w1", Set.of(other), LEASE).orElseThrow();
        assertEquals(otherJob, claimed.id());
        claimed = queue.claim("w1", Set.of(method), LEASE).orElseThrow();
        assertEquals(first, claimed.id());
        assertEquals(Map.of("a", 1), claimed.params());
        assertEquals(1, claimed.attempt());
        assertEquals(second, queue.claim("w2", Set.of(method), LEASE).orElseThrow().id());
        assertTrue(queue.claim("w3", Set.of(method), LEASE).isEmpty());
        assertEquals("w1", db.jobRow(first).get("lease_owner"));
    }

    @Test
    void expiredLeasesAreRetriedThenFailedWithTheReason() {
        long job = db.job(db.catalog(), method, "{}", "never", 2);
        queue.claim("gone-1", Set.of(method), SHORT_LEASE).orElseThrow();
        expireLeases();
        assertEquals("queued", db.jobRow(job).get("status"));
        assertEquals(1, db.jobRow(job).get("attempts"));

        assertEquals(2, queue.claim("gone-2", Set.of(method), SHORT_LEASE).orElseThrow().attempt());
        expireLeases();
        Map<String, Object> row = db.jobRow(job);
        assertEquals("failed", row.get("status"));
        assertEquals("gave up after 2 attempts: the worker running the last one (gone-2) stopped renewing its lease",
                row.get("error"));
        assertNotNull(row.get("finished_at"));
        assertTrue(queue.claim("gone-3", Set.of(method), LEASE).isEmpty());
    }

    @Test
    void aJobCancelledWhileItsWorkerWasGoneEndsCancelled() {
        long job = db.job(db.catalog(), method, "{}");
        queue.claim("gone", Set.of(method), SHORT_LEASE).orElseThrow();
        db.update("UPDATE training_job SET cancel_requested = true WHERE id = ?", job);
        expireLeases();
        assertEquals("cancelled", db.jobRow(job).get("status"));
    }

    @Test
    void aWorkerWhoseLeaseExpiredCannotPublishOverTheRetry() {
        long catalog = db.catalog();
        long job = db.job(catalog, method, "{}", "always", 3);
        ClaimedJob stale = queue.claim("stale", Set.of(method), SHORT_LEASE).orElseThrow();
        expireLeases();
        ClaimedJob retry = queue.claim("retry", Set.of(method), LEASE).orElseThrow();
        assertEquals(2, retry.attempt());

        assertEquals(LeaseState.LOST, queue.heartbeat(stale, LEASE, ProgressSnapshot.EMPTY));
        assertThrows(LostJobException.class, () -> queue.succeed(stale, LEASE, ProgressSnapshot.EMPTY,
                new TrainingOutcome(c -> TestDb.model(c, catalog, job, 0.9)), METRIC));
        assertThrows(LostJobException.class, () -> queue.fail(stale, ProgressSnapshot.EMPTY, "late"));
        assertEquals(0, db.queryLong("SELECT count(*) FROM model WHERE catalog_id = ?", catalog));
        assertEquals(null, db.row("SELECT active_model_id FROM catalog WHERE id = ?", catalog).get("active_model_id"));
        assertEquals("running", db.jobRow(job).get("status"));
        assertEquals("retry", db.jobRow(job).get("lease_owner"));

        long model = queue.succeed(retry, LEASE, ProgressSnapshot.EMPTY,
                new TrainingOutcome(c -> TestDb.model(c, catalog, job, 0.9)), METRIC);
        Map<String, Object> row = db.jobRow(job);
        assertEquals("succeeded", row.get("status"));
        assertEquals(model, ((Number) row.get("model_id")).longValue());
        assertEquals(model, db.queryLong("SELECT active_model_id FROM catalog WHERE id = ?", catalog));
    }

    @Test
    void aFailingPublicationLeavesNothingBehind() {
        long catalog = db.catalog();
        long job = db.job(catalog, method, "{}");
        ClaimedJob claimed = queue.claim("w", Set.of(method), LEASE).orElseThrow();
        long[] published = new long[1];
        assertThrows(RuntimeException.class, () -> queue.succeed(claimed, LEASE, ProgressSnapshot.EMPTY, new TrainingOutcome(c -> {
            published[0] = publisher.publish(c, new ModelDraft(catalog, job, method, ScoreMetric.DOT, Map.of(), Map.of()),
                    TestDb.itemVectors(c, catalog));
            throw new IllegalStateException("evaluation write failed");
        }), METRIC));
        assertTrue(published[0] > 0);
        assertEquals(0, db.queryLong("SELECT count(*) FROM model WHERE catalog_id = ?", catalog));
        assertEquals(0, db.queryLong("SELECT count(*) FROM pg_class WHERE relname = ?", Model.vectorTable(published[0])));
        assertEquals("running", db.jobRow(job).get("status"));
    }

    @Test
    void heartbeatsWriteProgressAndMetricsAndReportCancellation() {
        long job = db.job(db.catalog(), method, "{}");
        ClaimedJob claimed = queue.claim("w", Set.of(method), LEASE).orElseThrow();
        ProgressSnapshot progress = new ProgressSnapshot("{\"phase\": \"train\", \"step\": 3}",
                List.of(new ProgressSnapshot.MetricPoint("loss", 3, 0.5)));
        assertEquals(LeaseState.HELD, queue.heartbeat(claimed, LEASE, progress));
        assertEquals(LeaseState.HELD, queue.heartbeat(claimed, LEASE, ProgressSnapshot.EMPTY));
        assertTrue(db.jobRow(job).get("progress").toString().contains("\"step\": 3"));
        assertEquals(1, db.queryLong("SELECT count(*) FROM job_metric WHERE job_id = ?", job));

        db.update("UPDATE training_job SET cancel_requested = true WHERE id = ?", job);
        assertEquals(LeaseState.CANCEL_REQUESTED, queue.heartbeat(claimed, LEASE, ProgressSnapshot.EMPTY));
        queue.cancel(claimed, ProgressSnapshot.EMPTY);
        assertEquals("cancelled", db.jobRow(job).get("status"));
    }

    @Test
    void ifBetterActivatesOnlyAModelThatBeatsTheActiveOneOnTheJobsOwnSplit() {
        long catalog = db.catalog();
        long first = publish(catalog, "if-better", 0.5, Baseline.NONE);
        assertEquals(first, activeModel(catalog), "the first model wins when none is active");
        // The active model scored 0.6 on the new job's split, whatever it recorded on its own.
        publish(catalog, "if-better", 0.55, measured(first, 0.6));
        assertEquals(first, activeModel(catalog));
        long better = publish(catalog, "if-better", 0.65, measured(first, 0.6));
        assertEquals(better, activeModel(catalog));
        publish(catalog, "if-better", 0.99, measured(first, 0.1));
        assertEquals(better, activeModel(catalog), "measured against a model that is no longer active");
        long refreshed = publish(catalog, "if-better", 0.0, Baseline.replacing(better));
        assertEquals(refreshed, activeModel(catalog), "a refresh of the active model takes its place");
        publish(catalog, "never", 0.9, null);
        assertEquals(refreshed, activeModel(catalog));
        long forced = publish(catalog, "always", 0.1, null);
        assertEquals(forced, activeModel(catalog));
        publish(catalog, "if-better", 0.95, null);
        assertEquals(forced, activeModel(catalog), "without a baseline only a catalog without a model takes it");
        publish(catalog, "if-better", 0.95, Baseline.NONE);
        assertEquals(forced, activeModel(catalog), "a model got activated while the job ran");
    }

    private static Baseline measured(long model, double score) {
        return new Baseline(model, Map.of(METRIC, score));
    }

    private long publish(long catalog, String activate, double score, Baseline baseline) {
        long job = db.job(catalog, method, "{}", activate, 3);
        ClaimedJob claimed = queue.claim("w", Set.of(method), LEASE).orElseThrow();
        assertEquals(job, claimed.id());
        return queue.succeed(claimed, LEASE, ProgressSnapshot.EMPTY,
                new TrainingOutcome(c -> TestDb.model(c, catalog, job, score), baseline), METRIC);
    }

    private long activeModel(long catalog) {
        return db.queryLong("SELECT active_model_id FROM catalog WHERE id = ?", catalog);
    }

    private void expireLeases() {
        TestDb.sleep(SHORT_LEASE.multipliedBy(3));
        queue.reapExpired();
    }
}
