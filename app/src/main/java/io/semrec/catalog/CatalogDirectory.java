package io.semrec.catalog;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.identity.SecurityIdentity;
import io.semrec.api.Blocking;
import io.semrec.api.ProblemException;
import io.semrec.auth.ApiPrincipal;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;

/**
 * Resolves the {@code {catalog}} slug of a request, checks that the caller's key may use it, and
 * caches the answer so serving does not pay a query for it. {@link CatalogChangeListener} evicts
 * entries when any replica changes a catalog; the TTL bounds staleness if a notification is lost.
 */
@ApplicationScoped
public class CatalogDirectory {

    private static final Duration TTL = Duration.ofSeconds(30);

    private final Cache<String, Optional<CatalogRef>> cache = Caffeine.newBuilder()
            .expireAfterWrite(TTL)
            .maximumSize(10_000)
            .build();

    @Inject
    SecurityIdentity identity;

    /** The catalog, or 404; 403 if the caller's key is limited to another catalog. */
    public CatalogRef require(String slug) {
        return accessible(slug, cache.get(slug, this::load), identity.getAttribute(ApiPrincipal.ATTRIBUTE));
    }

    /**
     * Like {@link #require}, for the event loop: only reading a catalog that is not cached goes to a worker
     * thread. Call it after the request is authenticated.
     */
    public Uni<CatalogRef> requireAsync(String slug) {
        ApiPrincipal principal = identity.getAttribute(ApiPrincipal.ATTRIBUTE);
        return Blocking.cached(cache, slug, this::load).map(catalog -> accessible(slug, catalog, principal));
    }

    private static CatalogRef accessible(String slug, Optional<CatalogRef> found, ApiPrincipal principal) {
        CatalogRef catalog = found.orElseThrow(() -> ProblemException.notFound("no catalog '" + slug + "'"));
        if (principal != null && !principal.mayAccessCatalog(catalog.id())) {
            throw ProblemException.forbidden("this API key is limited to another catalog");
        }
        return catalog;
    }

    public void evict(String slug) {
        cache.invalidate(slug);
    }

    public void evictAll() {
        cache.invalidateAll();
    }

    private Optional<CatalogRef> load(String slug) {
        return QuarkusTransaction.joiningExisting().call(() -> Catalog.findBySlug(slug).map(CatalogRef::of));
    }
}
