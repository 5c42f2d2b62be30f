package io.semrec.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Resolves bearer secrets to principals. Lookups are cached briefly so the request path rarely
 * touches the database; a revocation on another replica takes effect within {@link #CACHE_TTL}.
 */
@ApplicationScoped
public class ApiKeyRegistry {

    static final Duration CACHE_TTL = Duration.ofSeconds(30);

    private final Cache<ByteBuffer, Optional<ApiPrincipal>> cache = Caffeine.newBuilder()
            .expireAfterWrite(CACHE_TTL)
            .maximumSize(10_000)
            .build();

    private final Optional<byte[]> configuredAdminHash;

    ApiKeyRegistry(@ConfigProperty(name = "semrec.admin-key") Optional<String> adminKey) {
        this.configuredAdminHash = adminKey.filter(k -> !k.isBlank()).map(ApiKeySecrets::sha256);
    }

    public Optional<ApiPrincipal> resolve(String secret) {
        byte[] hash = ApiKeySecrets.sha256(secret);
        if (configuredAdminHash.isPresent() && MessageDigest.isEqual(configuredAdminHash.get(), hash)) {
            return Optional.of(new ApiPrincipal(null, "SEMREC_ADMIN_KEY", ApiRole.ADMIN, null));
        }
        return cache.get(ByteBuffer.wrap(hash), key -> lookup(hash));
    }

    /** Forget a revoked key at once on this replica. */
    void evict(byte[] hash) {
        cache.invalidate(ByteBuffer.wrap(hash));
    }

    private Optional<ApiPrincipal> lookup(byte[] hash) {
        return QuarkusTransaction.joiningExisting().call(() -> ApiKey.<ApiKey>find("keyHash = ?1 and revokedAt is null", hash)
                .firstResultOptional()
                .map(key -> new ApiPrincipal(key.id, key.name, key.apiRole(), key.catalogId)));
    }
}
