package io.semrec.model;

import io.agroal.api.AgroalDataSource;
import io.semrec.api.Page;
import io.semrec.api.PageRequest;
import io.semrec.api.ProblemException;
import io.semrec.catalog.Catalog;
import io.semrec.catalog.CatalogRef;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The model registry of a catalog: publishing uploaded vectors, listing, activating and deleting models. */
@ApplicationScoped
public class ModelService {

    /** The method name of models made from uploaded vectors. */
    public static final String UPLOADED_METHOD = "byo";

    private static final String FOREIGN_KEY_VIOLATION = "23503";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    EntityManager em;

    private final ModelPublisher publisher;

    ModelService(ModelsConfig config) {
        this.publisher = new ModelPublisher(config.indexBuildMemory());
    }

    /**
     * Publishes the uploaded NDJSON vectors as a new (inactive) model, streaming the body into the
     * database. Item ids are resolved on a second connection while the first is busy with COPY.
     */
    public ModelView upload(CatalogRef catalog, ScoreMetric metric, InputStream body) {
        ModelDraft draft = new ModelDraft(catalog.id(), null, UPLOADED_METHOD, metric, Map.of(), Map.of());
        long modelId;
        try (Connection publish = dataSource.getConnection(); Connection lookup = dataSource.getConnection()) {
            publish.setAutoCommit(false);
            try {
                modelId = publisher.publish(publish, draft, new VectorUploadReader(
                        new InputStreamReader(body, StandardCharsets.UTF_8), ids -> itemIds(lookup, catalog.id(), ids)));
                publish.commit();
            } catch (SQLException | RuntimeException e) {
                publish.rollback();
                throw e;
            }
        } catch (SQLException e) {
            if (FOREIGN_KEY_VIOLATION.equals(e.getSQLState())) {
                throw ProblemException.conflict("an item was deleted while its vector was uploaded; upload again");
            }
            throw new IllegalStateException("publishing the model failed", e);
        }
        return get(catalog, modelId);
    }

    @Transactional(TxType.SUPPORTS)
    public Page<ModelView> list(CatalogRef catalog, PageRequest page) {
        List<Model> rows = Model.<Model>find("catalogId = ?1 and id > ?2 order by id", catalog.id(), page.afterId())
                .range(0, page.limit()).list();
        Long active = activeModelId(catalog);
        return page.page(rows, m -> m.id, m -> ModelView.of(m, active));
    }

    /** The catalog's models newest first, as operators compare them. */
    @Transactional(TxType.SUPPORTS)
    public Page<ModelView> recent(CatalogRef catalog, PageRequest page) {
        List<Model> rows = Model.<Model>find("catalogId = ?1 and id < ?2 order by id desc", catalog.id(), page.beforeId())
                .range(0, page.limit()).list();
        Long active = activeModelId(catalog);
        return page.page(rows, m -> m.id, m -> ModelView.of(m, active));
    }

    @Transactional(TxType.SUPPORTS)
    public ModelView get(CatalogRef catalog, long modelId) {
        return ModelView.of(load(catalog, modelId), activeModelId(catalog));
    }

    /** Points the catalog at the model: one row update, so serving switches atomically. */
    @Transactional
    public ModelView activate(CatalogRef catalog, long modelId) {
        Model model = load(catalog, modelId);
        Catalog row = lockCatalog(catalog);
        row.activeModelId = model.id;
        row.updatedAt = OffsetDateTime.now();
        return ModelView.of(model, model.id);
    }

    /** Drops the model's vector partition and its row; the active model cannot be deleted. */
    @Transactional
    public void delete(CatalogRef catalog, long modelId) {
        Model model = load(catalog, modelId);
        // The lock keeps a concurrent activation from pointing at the model being deleted.
        if (model.id.equals(lockCatalog(catalog).activeModelId)) {
            throw ProblemException.conflict("model " + modelId + " is active; activate another model first");
        }
        em.createNativeQuery(Model.dropVectorTableSql(modelId)).executeUpdate();
        em.createNativeQuery("DELETE FROM model WHERE catalog_id = ?1 AND id = ?2")
                .setParameter(1, catalog.id()).setParameter(2, modelId).executeUpdate();
    }

    private Model load(CatalogRef catalog, long modelId) {
        Model model = Model.findById(modelId);
        if (model == null || model.catalogId != catalog.id()) {
            throw ProblemException.notFound("no model " + modelId + " in catalog '" + catalog.slug() + "'");
        }
        return model;
    }

    private Catalog lockCatalog(CatalogRef catalog) {
        Catalog row = Catalog.findById(catalog.id(), LockModeType.PESSIMISTIC_WRITE);
        if (row == null) {
            throw ProblemException.notFound("no catalog '" + catalog.slug() + "'");
        }
        return row;
    }

    private Long activeModelId(CatalogRef catalog) {
        Catalog row = Catalog.findById(catalog.id());
        return row == null ? null : row.activeModelId;
    }

    private static Map<String, Long> itemIds(Connection connection, long catalogId, Collection<String> externalIds) {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT external_id, id FROM item WHERE catalog_id = ? AND external_id = ANY (?)")) {
            query.setLong(1, catalogId);
            query.setArray(2, connection.createArrayOf("text", externalIds.toArray()));
            Map<String, Long> ids = new HashMap<>();
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    ids.put(rs.getString(1), rs.getLong(2));
                }
            }
            return ids;
        } catch (SQLException e) {
            throw new IllegalStateException("looking up item ids failed", e);
        }
    }
}
