package io.semrec.auth;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** An API key; only the SHA-256 of its secret is stored. */
@Entity
@Table(name = "api_key")
public class ApiKey extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** Null: valid for every catalog. */
    @Column(name = "catalog_id")
    public Long catalogId;

    @Column(nullable = false)
    public String name;

    @Column(name = "key_hash", nullable = false, unique = true)
    public byte[] keyHash;

    /** First characters of the secret, so an operator can tell keys apart. */
    @Column(name = "key_prefix", nullable = false)
    public String keyPrefix;

    @Column(nullable = false)
    public String role;

    @Column(name = "created_at", nullable = false, insertable = false, updatable = false)
    public OffsetDateTime createdAt;

    @Column(name = "revoked_at")
    public OffsetDateTime revokedAt;

    public ApiRole apiRole() {
        return ApiRole.fromWireName(role);
    }
}
