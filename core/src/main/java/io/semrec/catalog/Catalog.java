package io.semrec.catalog;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A product catalog: its items, events and models are all scoped by it. */
@Entity
@Table(name = "catalog")
public class Catalog extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, unique = true, updatable = false)
    public String slug;

    @Column(nullable = false)
    public String name;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public CatalogSettings settings = CatalogSettings.DEFAULTS;

    @Column(name = "active_model_id")
    public Long activeModelId;

    @Column(name = "created_at", nullable = false, insertable = false, updatable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false, insertable = false)
    public OffsetDateTime updatedAt;

    public static Optional<Catalog> findBySlug(String slug) {
        return find("slug", slug).firstResultOptional();
    }
}
