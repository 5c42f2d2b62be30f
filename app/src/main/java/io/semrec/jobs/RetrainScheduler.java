package io.semrec.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.semrec.catalog.Catalog;
import io.semrec.catalog.CatalogSettings;
import io.semrec.training.spec.InvalidParameterException;
import io.semrec.training.spec.MethodParameters;
import io.semrec.training.spec.MethodRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Enqueues each catalog's scheduled retrain with its default method and parameters. Every app replica
 * ticks; the database keeps it to one job per schedule slot and never two queued scheduled jobs per
 * catalog, so replicas need no coordination.
 */
@ApplicationScoped
public class RetrainScheduler {

    private static final Logger LOG = Logger.getLogger(RetrainScheduler.class);

    /** A retrain nobody watches replaces the active model only when it scores better. */
    static final String ACTIVATE = "if-better";

    private final EntityManager em;
    private final MethodRegistry methods;
    private final JobsConfig config;
    private final ObjectMapper json;

    RetrainScheduler(EntityManager em, MethodRegistry methods, JobsConfig config, ObjectMapper json) {
        this.em = em;
        this.methods = methods;
        this.config = config;
        this.json = json;
    }

    @Scheduled(every = "${semrec.jobs.retrain-check:60s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void check() {
        tick(Instant.now());
    }

    /**
     * Enqueues the retrain of every catalog whose schedule fired within the grace period before
     * {@code now} and has no job for that slot yet.
     *
     * @return how many jobs were enqueued
     */
    public int tick(Instant now) {
        List<Catalog> scheduled = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "SELECT * FROM catalog WHERE settings ->> 'retrainSchedule' IS NOT NULL", Catalog.class).getResultList());
        int enqueued = 0;
        for (Catalog catalog : scheduled) {
            try {
                Optional<Instant> slot = RetrainSchedule.parse(catalog.settings.retrainSchedule()).latestSlot(now)
                        .filter(s -> !s.isBefore(now.minus(config.retrainGrace())));
                if (slot.isPresent() && enqueue(catalog, slot.get())) {
                    enqueued++;
                }
            } catch (RuntimeException | JsonProcessingException e) {
                LOG.warnf(e, "catalog %s: scheduled retrain not enqueued", catalog.slug);
            }
        }
        return enqueued;
    }

    private boolean enqueue(Catalog catalog, Instant slot) throws JsonProcessingException {
        CatalogSettings settings = catalog.settings;
        MethodParameters method = methods.find(settings.defaultMethod()).orElseThrow(
                () -> new IllegalStateException("default method '" + settings.defaultMethod() + "' is not installed"));
        Map<String, Object> params;
        try {
            params = method.resolve(settings.defaultParamsOrEmpty()).asMap();
        } catch (InvalidParameterException e) {
            throw new IllegalStateException("default parameters no longer fit " + method.method() + ": " + e.getMessage());
        }
        String paramsJson = json.writeValueAsString(params);
        int inserted = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                INSERT INTO training_job (catalog_id, method, params, activate, max_attempts, scheduled_for)
                VALUES (?1, ?2, CAST(?3 AS jsonb), ?4, ?5, ?6)
                ON CONFLICT DO NOTHING
                """).setParameter(1, catalog.id).setParameter(2, method.method()).setParameter(3, paramsJson)
                .setParameter(4, ACTIVATE).setParameter(5, config.maxAttempts())
                .setParameter(6, OffsetDateTime.ofInstant(slot, ZoneOffset.UTC)).executeUpdate());
        if (inserted > 0) {
            LOG.infof("catalog %s: retrain for %s enqueued (%s)", catalog.slug, slot, method.method());
        }
        return inserted > 0;
    }
}
