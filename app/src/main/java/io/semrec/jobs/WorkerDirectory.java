package io.semrec.jobs;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** The job slots training workers registered in the {@code worker} table, for operators. */
@ApplicationScoped
public class WorkerDirectory {

    /**
     * One slot; {@code stale} when its heartbeat is older than {@link JobsConfig#workerStaleAfter()}
     * (a worker that crashed leaves its row behind for a day).
     */
    public record WorkerView(String id, String host, int slot, OffsetDateTime startedAt, OffsetDateTime lastHeartbeat,
            double secondsSinceHeartbeat, Long currentJobId, String currentJobCatalog, String currentJobMethod,
            boolean stale) {
    }

    private final EntityManager em;
    private final JobsConfig config;

    WorkerDirectory(EntityManager em, JobsConfig config) {
        this.em = em;
        this.config = config;
    }

    /** Every registered slot, alive ones first, by host and slot. */
    @Transactional(TxType.SUPPORTS)
    public List<WorkerView> slots() {
        List<Object[]> rows = em.createNativeQuery("""
                SELECT w.id, w.host, w.slot, w.started_at, w.last_heartbeat, w.current_job_id, c.slug, j.method,
                       w.last_heartbeat < now() - make_interval(secs => ?1) AS stale,
                       extract(epoch FROM now() - w.last_heartbeat) AS silent
                  FROM worker w
                  LEFT JOIN training_job j ON j.id = w.current_job_id
                  LEFT JOIN catalog c ON c.id = j.catalog_id
                 ORDER BY stale, w.host, w.slot
                """, Object[].class).setParameter(1, config.workerStaleAfter().toMillis() / 1000.0).getResultList();
        return rows.stream().map(row -> new WorkerView((String) row[0], (String) row[1], ((Number) row[2]).intValue(),
                time(row[3]), time(row[4]), ((Number) row[9]).doubleValue(), row[5] == null ? null : ((Number) row[5]).longValue(), (String) row[6],
                (String) row[7], (Boolean) row[8])).toList();
    }

    private static OffsetDateTime time(Object value) {
        return value instanceof Instant instant ? instant.atOffset(ZoneOffset.UTC) : (OffsetDateTime) value;
    }
}
