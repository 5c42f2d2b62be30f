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

    private static final ApiPrincipal CONFIGURED_ADMIN = new ApiPrincipal(null, "SEMREC_ADMIN_KEY", ApiRole.ADMIN, null);

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
        if (isConfiguredAdmin(hash)) {
            return Optional.of(CONFIGURED_ADMIN);
        }
        return cache.get(ByteBuffer.wrap(hash), key -> lookup(hash));
    }

    /**
     * The key's principal when it is known without asking the database (the configured admin key,
     * or a cached valid key); null otherwise. Lets authentication skip a hop to a worker thread.
     */
    public ApiPrincipal knownPrincipal(String secret) {
        byte[] hash = ApiKeySecrets.sha256(secret);
        if (isConfiguredAdmin(hash)) {
            return CONFIGURED_ADMIN;
        }
        Optional<ApiPrincipal> cached = cache.getIfPresent(ByteBuffer.wrap(hash));
        return cached == null ? null : cached.orElse(null);
    }

    private boolean isConfiguredAdmin(byte[] hash) {
        return configuredAdminHash.isPresent() && MessageDigest.isEqual(configuredAdminHash.get(), hash);
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
