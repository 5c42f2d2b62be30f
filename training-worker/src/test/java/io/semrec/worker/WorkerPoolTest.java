package io.semrec.worker;

import static io.semrec.worker.TestDb.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import io.quarkus.test.junit.QuarkusTest;
import io.semrec.queue.JobQueue;
import io.semrec.training.TrainingOutcome;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Several worker processes (pools with their own slots and connections) on one database. */
@QuarkusTest
class WorkerPoolTest {

    private static final int JOBS = 300;

    @Inject
    JobQueue queue;

    @Inject
    WorkerRegistry registry;

    @Inject
    DataSource dataSource;

    private TestDb db;

    @BeforeEach
    void setUp() {
        db = new TestDb(dataSource);
    }

    @Test
    void concurrentWorkersRunEveryJobExactlyOnce() {
        long catalog = db.catalog();
        Map<Long, AtomicInteger> runs = new ConcurrentHashMap<>();
        Set<Thread> slotThreads = ConcurrentHashMap.newKeySet();
        InlineMethod counting = InlineMethod.named("race", context -> {
            runs.computeIfAbsent(context.jobId(), id -> new AtomicInteger()).incrementAndGet();
            slotThreads.add(Thread.currentThread());
            return new TrainingOutcome(c -> TestDb.model(c, context.catalogId(), context.jobId(), 0));
        });
        for (int i = 0; i < JOBS; i++) {
            db.job(catalog, counting.name(), "{}");
        }
        List<WorkerPool> pools = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            pools.add(pool("race-host-" + i, 3, Duration.ofSeconds(5), counting));
        }
        try {
            TestDb.await(Duration.ofSeconds(90), () -> db.queryLong(
                    "SELECT count(*) FROM training_job WHERE catalog_id = ? AND status = 'succeeded'", catalog) == JOBS,
                    () -> runs.size() + " jobs ran");
        } finally {
            pools.forEach(WorkerPool::stop);
        }
        assertEquals(JOBS, runs.size());
        runs.forEach((job, count) -> assertEquals(1, count.get(), "job " + job + " ran " + count + " times"));
        assertEquals(JOBS, db.queryLong("SELECT count(*) FROM model WHERE catalog_id = ?", catalog));
        assertEquals(1, db.queryLong("SELECT max(attempts) FROM training_job WHERE catalog_id = ?", catalog));
        assertTrue(slotThreads.size() > 1, "only " + slotThreads.size() + " slot ran jobs");
        // A slot still claiming after stop() keeps opening transactions after its application has stopped.
        slotThreads.forEach(slot -> assertFalse(slot.isAlive(), slot.getName() + " still runs after stop()"));
    }

    @Test
    void shutdownReleasesARunningJobWithoutUsingAnAttempt() {
        InlineMethod stoppable = InlineMethod.named("shutdown", context -> {
            while (true) {
                context.checkStop();
                TestDb.sleep(Duration.ofMillis(20));
            }
        });
        WorkerPool pool = pool("shutdown-host", 1, Duration.ofSeconds(5), stoppable);
        long job = db.job(db.catalog(), stoppable.name(), "{}");
        pool.wake();
        db.awaitJob(job, Duration.ofSeconds(5), status("running"));
        pool.stop();
        Map<String, Object> row = db.jobRow(job);
        assertEquals("queued", row.get("status"));
        assertEquals(0, row.get("attempts"));
        assertNull(row.get("lease_owner"));
        assertNull(row.get("started_at"));
        assertEquals(0, db.queryLong("SELECT count(*) FROM worker WHERE id = ANY (?)",
                (Object) pool.slotIds().toArray(String[]::new)));
    }

    @Test
    void shutdownReleasesTheJobOfATrainerThatIgnoresTheRequest() throws Exception {
        CountDownLatch endOfTest = new CountDownLatch(1);
        CountDownLatch returned = new CountDownLatch(1);
        long catalog = db.catalog();
        InlineMethod stubborn = InlineMethod.named("stubborn", context -> {
            endOfTest.await();
            returned.countDown();
            return new TrainingOutcome(c -> TestDb.model(c, context.catalogId(), context.jobId(), 0));
        });
        WorkerPool pool = pool("stubborn-host", 1, Duration.ofMillis(300), stubborn);
        long job = db.job(catalog, stubborn.name(), "{}");
        pool.wake();
        db.awaitJob(job, Duration.ofSeconds(5), status("running"));
        long stopping = System.nanoTime();
        pool.stop();
        assertTrue(Duration.ofNanos(System.nanoTime() - stopping).toMillis() < 3000);
        assertEquals("queued", db.jobRow(job).get("status"));

        endOfTest.countDown();
        returned.await();
        TestDb.sleep(Duration.ofMillis(300));
        assertEquals("queued", db.jobRow(job).get("status"));
        assertEquals(0, db.queryLong("SELECT count(*) FROM model WHERE catalog_id = ?", catalog));
    }

    private WorkerPool pool(String host, int slots, Duration shutdownGrace, InlineMethod method) {
        WorkerPool.Settings settings = new WorkerPool.Settings(slots, 1, Duration.ofSeconds(5), Duration.ofMillis(200),
                Duration.ofMillis(200), shutdownGrace, "ndcg@10");
        return new WorkerPool(host, settings, queue, registry, List.of(method), Device::cpu).start();
    }
}
