package io.semrec.model;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.Map;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A published model: immutable, its item vectors live in partition {@code item_vector_m<id>}. */
@Entity
@Immutable
@Table(name = "model")
public class Model extends PanacheEntityBase {

    /** Widest vector a model may have: the schema's limit, and the widest an HNSW index takes. */
    public static final int MAX_DIM = 2000;

    @Id
    public Long id;

    @Column(name = "catalog_id", nullable = false)
    public Long catalogId;

    @Column(name = "job_id")
    public Long jobId;

    @Column(nullable = false)
    public String method;

    @Column(nullable = false)
    public int dim;

    @Column(nullable = false)
    public String metric;

    @Column(name = "item_count", nullable = false)
    public int itemCount;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> params;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> metrics;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "data_snapshot")
    public Map<String, Object> dataSnapshot;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    public ScoreMetric scoreMetric() {
        return ScoreMetric.fromWireName(metric);
    }

    /** The partition holding this model's vectors; derived from the numeric id, so safe in SQL. */
    public static String vectorTable(long modelId) {
        return "item_vector_m" + modelId;
    }

    /** Drops the model's partition with its vectors and index (detaching it from {@code item_vector}). */
    public static String dropVectorTableSql(long modelId) {
        return "DROP TABLE IF EXISTS " + vectorTable(modelId);
    }
}
