package io.semrec.jobs;

import io.semrec.api.Page;
import io.semrec.api.PageRequest;
import io.semrec.api.ProblemException;
import io.semrec.catalog.CatalogRef;
import io.semrec.model.Model;
import io.semrec.training.spec.MethodParameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Enqueuing, listing and cancelling a catalog's training jobs; workers do the rest. */
@ApplicationScoped
public class TrainingJobService {

    private static final String DEFAULT_ACTIVATE = "never";

    private final EntityManager em;
    private final MethodValidation validation;
    private final JobsConfig config;

    TrainingJobService(EntityManager em, MethodValidation validation, JobsConfig config) {
        this.em = em;
        this.validation = validation;
        this.config = config;
    }

    /**
     * Validates the method and its parameters (a refresh job: its base model) and queues the job; its
     * insert wakes a worker.
     */
    @Transactional
    public TrainingJobView create(CatalogRef catalog, TrainingJobRequests.Create request) {
        MethodParameters method = validation.method("method", request.method());
        TrainingJob job = new TrainingJob();
        job.catalogId = catalog.id();
        job.method = method.method();
        if (TrainingJob.REFRESH.equals(request.kind())) {
            Model base = refreshBase(catalog, method, request);
            job.kind = TrainingJob.REFRESH;
            job.baseModelId = base.id;
            job.params = base.params;
        } else if (request.baseModel() != null) {
            throw ProblemException.invalidField("baseModel", "only a refresh job has a base model");
        } else {
            job.params = validation.params("params", method, request.params()).asMap();
        }
        job.activate = request.activate() == null ? DEFAULT_ACTIVATE : request.activate();
        job.maxAttempts = config.maxAttempts();
        job.persistAndFlush();
        em.refresh(job);
        return TrainingJobView.of(job, catalog.slug(), null, Instant.now());
    }

    @Transactional(TxType.SUPPORTS)
    public Page<TrainingJobView> list(CatalogRef catalog, String status, PageRequest page) {
        if (status != null && JobStatus.fromWireName(status).isEmpty()) {
            throw ProblemException.invalidField("status", "must be one of queued, running, succeeded, failed, cancelled");
        }
        List<TrainingJob> rows = (status == null
                ? TrainingJob.<TrainingJob>find("catalogId = ?1 and id > ?2 order by id", catalog.id(), page.afterId())
                : TrainingJob.<TrainingJob>find("catalogId = ?1 and id > ?2 and status = ?3 order by id",
                        catalog.id(), page.afterId(), status))
                .range(0, page.limit()).list();
        Instant now = Instant.now();
        return page.page(rows, j -> j.id, j -> TrainingJobView.of(j, catalog.slug(), null, now));
    }

    @Transactional(TxType.SUPPORTS)
    public TrainingJobView get(CatalogRef catalog, long id) {
        return TrainingJobView.of(load(catalog, id), catalog.slug(), latestMetrics(catalog.id(), id), Instant.now());
    }

    /** Every recorded point of the job's metrics, for curves. */
    @Transactional(TxType.SUPPORTS)
    public TrainingJobView.Metrics metrics(CatalogRef catalog, long id) {
        load(catalog, id);
        List<Object[]> rows = em.createNativeQuery(
                "SELECT name, step, value FROM job_metric WHERE catalog_id = ?1 AND job_id = ?2 ORDER BY name, step",
                Object[].class).setParameter(1, catalog.id()).setParameter(2, id).getResultList();
        Map<String, List<TrainingJobView.MetricPoint>> series = new LinkedHashMap<>();
        for (Object[] row : rows) {
            series.computeIfAbsent((String) row[0], name -> new ArrayList<>())
                    .add(new TrainingJobView.MetricPoint(((Number) row[1]).intValue(), ((Number) row[2]).doubleValue()));
        }
        return new TrainingJobView.Metrics(series);
    }

    /**
     * A queued job is cancelled at once; a running one is flagged and its worker stops it at its next
     * heartbeat. Finished jobs cannot be cancelled (409).
     */
    @Transactional
    public TrainingJobView cancel(CatalogRef catalog, long id) {
        int changed = em.createNativeQuery("""
                UPDATE training_job
                   SET cancel_requested = true,
                       status = CASE WHEN status = 'queued' THEN 'cancelled' ELSE status END,
                       finished_at = CASE WHEN status = 'queued' THEN now() ELSE finished_at END
                 WHERE catalog_id = ?1 AND id = ?2 AND status IN ('queued', 'running')
                """).setParameter(1, catalog.id()).setParameter(2, id).executeUpdate();
        TrainingJob job = load(catalog, id);
        if (changed == 0) {
            throw ProblemException.conflict("training job " + id + " is already " + job.status);
        }
        return TrainingJobView.of(job, catalog.slug(), null, Instant.now());
    }

    /** The model a refresh job extends: the catalog's, of the job's method, which must be refreshable. */
    private static Model refreshBase(CatalogRef catalog, MethodParameters method, TrainingJobRequests.Create request) {
        if (!method.refreshable()) {
            throw ProblemException.invalidField("kind", "models of method " + method.method() + " cannot be refreshed");
        }
        if (request.params() != null && !request.params().isEmpty()) {
            throw ProblemException.invalidField("params", "a refresh job takes its base model's parameters");
        }
        if (request.baseModel() == null) {
            throw ProblemException.invalidField("baseModel", "is required for a refresh job");
        }
        Model base = Model.<Model>find("catalogId = ?1 and id = ?2", catalog.id(), request.baseModel())
                .firstResultOptional().orElseThrow(() -> ProblemException.invalidField("baseModel",
                        "no model " + request.baseModel() + " in catalog '" + catalog.slug() + "'"));
        if (!base.method.equals(method.method())) {
            throw ProblemException.invalidField("baseModel", "model " + base.id + " was trained with " + base.method
                    + ", not " + method.method());
        }
        return base;
    }

    private TrainingJob load(CatalogRef catalog, long id) {
        return TrainingJob.<TrainingJob>find("catalogId = ?1 and id = ?2", catalog.id(), id).firstResultOptional()
                .orElseThrow(() -> ProblemException.notFound("no training job " + id + " in catalog '" + catalog.slug() + "'"));
    }

    private Map<String, Double> latestMetrics(long catalogId, long jobId) {
        List<Object[]> rows = em.createNativeQuery("""
                SELECT DISTINCT ON (name) name, value FROM job_metric
                 WHERE catalog_id = ?1 AND job_id = ?2 ORDER BY name, step DESC
                """, Object[].class).setParameter(1, catalogId).setParameter(2, jobId).getResultList();
        Map<String, Double> latest = new LinkedHashMap<>();
        rows.forEach(row -> latest.put((String) row[0], ((Number) row[1]).doubleValue()));
        return latest;
    }
}
