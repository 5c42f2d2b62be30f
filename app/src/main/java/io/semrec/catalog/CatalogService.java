package io.semrec.catalog;

import io.semrec.api.Page;
import io.semrec.api.PageRequest;
import io.semrec.api.ProblemException;
import io.semrec.jobs.MethodValidation;
import io.semrec.model.Model;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.OffsetDateTime;
import java.util.List;

/** Creating, changing and deleting catalogs. */
@ApplicationScoped
public class CatalogService {

    private final EntityManager em;
    private final MethodValidation methods;

    CatalogService(EntityManager em, MethodValidation methods) {
        this.em = em;
        this.methods = methods;
    }

    @Transactional
    public CatalogView create(CatalogRequests.Create request) {
        if (Catalog.findBySlug(request.slug()).isPresent()) {
            throw ProblemException.conflict("catalog '" + request.slug() + "' already exists");
        }
        Catalog catalog = new Catalog();
        catalog.slug = request.slug();
        catalog.name = request.name();
        catalog.settings = CatalogSettings.DEFAULTS.merge(request.settings() == null ? null : request.settings().toSettings());
        methods.retrainSettings(catalog.settings);
        catalog.persistAndFlush();
        em.refresh(catalog);
        return CatalogView.of(catalog, null);
    }

    @Transactional(TxType.SUPPORTS)
    public Page<CatalogView> list(PageRequest page, Long onlyCatalogId) {
        String where = onlyCatalogId == null ? "id > ?1" : "id > ?1 and id = ?2";
        List<Catalog> rows = (onlyCatalogId == null
                ? Catalog.<Catalog>find(where + " order by id", page.afterId())
                : Catalog.<Catalog>find(where + " order by id", page.afterId(), onlyCatalogId))
                .range(0, page.limit()).list();
        return page.page(rows, c -> c.id, c -> CatalogView.of(c, null));
    }

    @Transactional(TxType.SUPPORTS)
    public CatalogView get(CatalogRef ref) {
        return CatalogView.of(load(ref), counts(ref.id()));
    }

    /** The catalog without its counts, which take long to compute on big catalogs. */
    @Transactional(TxType.SUPPORTS)
    public CatalogView summary(CatalogRef ref) {
        return CatalogView.of(load(ref), null);
    }

    @Transactional
    public CatalogView update(CatalogRef ref, CatalogRequests.Update request) {
        Catalog catalog = load(ref);
        if (request.name() != null) {
            catalog.name = request.name();
        }
        if (request.settings() != null) {
            catalog.settings = catalog.settings.merge(request.settings().toSettings());
            methods.retrainSettings(catalog.settings);
        }
        catalog.updatedAt = OffsetDateTime.now();
        catalog.persistAndFlush();
        return CatalogView.of(catalog, null);
    }

    /** Deletes the catalog with all its data; each model's vector partition is dropped first. */
    @Transactional
    public void delete(CatalogRef ref) {
        Catalog catalog = load(ref);
        catalog.activeModelId = null;
        catalog.persistAndFlush();
        List<Long> modelIds = em.createQuery("select m.id from Model m where m.catalogId = ?1", Long.class)
                .setParameter(1, ref.id()).getResultList();
        for (long modelId : modelIds) {
            em.createNativeQuery(Model.dropVectorTableSql(modelId)).executeUpdate();
        }
        catalog.delete();
    }

    private Catalog load(CatalogRef ref) {
        Catalog catalog = Catalog.findById(ref.id());
        if (catalog == null) {
            throw ProblemException.notFound("no catalog '" + ref.slug() + "'");
        }
        return catalog;
    }

    private CatalogView.Counts counts(long catalogId) {
        Object[] row = (Object[]) em.createNativeQuery("""
                SELECT (SELECT count(*) FROM item WHERE catalog_id = ?1),
                       (SELECT count(*) FROM item WHERE catalog_id = ?1 AND available),
                       (SELECT count(*) FROM event WHERE catalog_id = ?1),
                       (SELECT count(DISTINCT user_id) FROM event WHERE catalog_id = ?1),
                       (SELECT count(*) FROM model WHERE catalog_id = ?1)
                """).setParameter(1, catalogId).getSingleResult();
        return new CatalogView.Counts(num(row[0]), num(row[1]), num(row[2]), num(row[3]), num(row[4]));
    }

    private static long num(Object value) {
        return ((Number) value).longValue();
    }
}
