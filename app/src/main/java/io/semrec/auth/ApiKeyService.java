package io.semrec.auth;

import io.semrec.api.Page;
import io.semrec.api.PageRequest;
import io.semrec.api.ProblemException;
import io.semrec.catalog.Catalog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Creating, listing and revoking API keys. A caller limited to one catalog only sees that catalog's keys. */
@ApplicationScoped
public class ApiKeyService {

    @Inject
    ApiKeyRegistry registry;

    public record Created(ApiKeyView key, String secret) {
    }

    @Transactional
    public Created create(ApiKeyRequests.Create request, ApiPrincipal caller) {
        Long catalogId = null;
        if (request.catalog() != null) {
            catalogId = Catalog.findBySlug(request.catalog())
                    .orElseThrow(() -> ProblemException.invalidField("catalog", "no catalog '" + request.catalog() + "'"))
                    .id;
        }
        if (caller.catalogId() != null && !caller.catalogId().equals(catalogId)) {
            throw ProblemException.forbidden("a key limited to one catalog can only create keys for that catalog");
        }
        String secret = ApiKeySecrets.newSecret();
        ApiKey key = new ApiKey();
        key.name = request.name();
        key.role = ApiRole.fromWireName(request.role()).wireName();
        key.catalogId = catalogId;
        key.keyHash = ApiKeySecrets.sha256(secret);
        key.keyPrefix = ApiKeySecrets.displayPrefix(secret);
        key.persistAndFlush();
        ApiKey.getEntityManager().refresh(key);
        return new Created(ApiKeyView.of(key, request.catalog()), secret);
    }

    @Transactional
    public Page<ApiKeyView> list(PageRequest page, ApiPrincipal caller) {
        List<ApiKey> rows = caller.catalogId() == null
                ? ApiKey.<ApiKey>find("id > ?1 order by id", page.afterId()).range(0, page.limit()).list()
                : ApiKey.<ApiKey>find("id > ?1 and catalogId = ?2 order by id", page.afterId(), caller.catalogId())
                        .range(0, page.limit()).list();
        Map<Long, String> slugs = rows.stream().map(k -> k.catalogId).filter(id -> id != null).distinct()
                .collect(Collectors.toMap(id -> id, id -> Catalog.<Catalog>findById(id).slug));
        return page.page(rows, k -> k.id, k -> ApiKeyView.of(k, k.catalogId == null ? null : slugs.get(k.catalogId)));
    }

    @Transactional
    public void revoke(long id, ApiPrincipal caller) {
        ApiKey key = ApiKey.findById(id);
        if (key == null || (caller.catalogId() != null && !caller.catalogId().equals(key.catalogId))) {
            throw ProblemException.notFound("no API key " + id);
        }
        if (key.revokedAt == null) {
            key.revokedAt = OffsetDateTime.now();
        }
        registry.evict(key.keyHash);
    }
}
