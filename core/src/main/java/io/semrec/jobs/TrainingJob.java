package io.semrec.jobs;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.Map;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A request to train a model on a catalog; the worker claims, leases and finishes it (its queue writes
 * go through SQL, this entity is for reading and creating).
 */
@Entity
@Table(name = "training_job")
public class TrainingJob extends PanacheEntityBase {

    /** {@link #kind}: train a new model. */
    public static final String TRAIN = "train";
    /** {@link #kind}: extend a published model with the items added since it was trained. */
    public static final String REFRESH = "refresh";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "catalog_id", nullable = false, updatable = false)
    public Long catalogId;

    @Column(nullable = false, updatable = false)
    public String method;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, updatable = false)
    public Map<String, Object> params;

    /** {@link #TRAIN} or {@link #REFRESH} ({@link #baseModelId}'s model). */
    @Column(nullable = false, updatable = false)
    public String kind = TRAIN;

    /** The model a refresh job extends; null for training jobs. */
    @Column(name = "base_model_id", updatable = false)
    public Long baseModelId;

    /** never, always or if-better: whether a successful run's model becomes the catalog's active one. */
    @Column(nullable = false, updatable = false)
    public String activate;

    @Column(nullable = false, insertable = false)
    public String status;

    @Column(nullable = false, insertable = false)
    public int attempts;

    @Column(name = "max_attempts", nullable = false)
    public int maxAttempts;

    /** The worker slot holding the lease while running. */
    @Column(name = "lease_owner", insertable = false)
    public String leaseOwner;

    @Column(name = "cancel_requested", nullable = false, insertable = false)
    public boolean cancelRequested;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, insertable = false)
    public Map<String, Object> progress;

    @Column(insertable = false)
    public String error;

    @Column(name = "model_id", insertable = false)
    public Long modelId;

    /** The schedule slot of a scheduled retrain; null for jobs a client created. */
    @Column(name = "scheduled_for", updatable = false)
    public OffsetDateTime scheduledFor;

    @Column(name = "created_at", nullable = false, insertable = false, updatable = false)
    public OffsetDateTime createdAt;

    @Column(name = "started_at", insertable = false)
    public OffsetDateTime startedAt;

    @Column(name = "finished_at", insertable = false)
    public OffsetDateTime finishedAt;
}
