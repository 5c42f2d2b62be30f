package io.semrec.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.semrec.catalog.CatalogRef;
import io.semrec.catalog.CatalogSettings;
import io.semrec.support.Fixtures;
import io.semrec.model.Model;
import io.semrec.model.ScoreMetric;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The search SQL itself, on the path that needs pgvector's iterative scan: ordered by the HNSW index. */
@QuarkusTest
class VectorSearchTest {

    @Inject
    VectorSearch search;

    @Inject
    ModelVectorCache vectors;

    @Inject
    Pool pool;

    @Test
    void aFilterMatchingFivePercentStillYieldsKItemsThroughTheIndex() {
        FilterCatalog catalog = FilterCatalog.create();
        ServingFixture f = catalog.fixture();
        CatalogRef ref = new CatalogRef(Fixtures.catalogId(f.catalog()), f.catalog(), CatalogSettings.DEFAULTS, f.modelId());
        ModelVectors model = vectors.get(f.modelId()).orElseThrow();
        SqlConnection connection = pool.getConnection().await().indefinitely();
        try {
            // Small catalogs are otherwise served by filtering first and sorting, which needs no index.
            connection.query("SET enable_sort = off").execute().await().indefinitely();
            for (String probe : List.of("i7", "i123", "i391")) {
                List<ScoredItem> found = search.nearest(connection, ref, model, f.vectors().get(probe), 10, new long[0],
                        List.of(AttributeFilter.parse("categories:Paper"))).await().indefinitely();
                assertEquals(10, found.size(), "near " + probe);
                assertTrue(found.stream().allMatch(item -> catalog.paper().contains(item.itemId())), found.toString());
            }
            connection.query("RESET enable_sort").execute().await().indefinitely();
        } finally {
            connection.closeAndAwait();
        }
    }

    @Test
    void repeatedSearchesRunOnTheCachedGenericPlan() {
        ServingFixture f = ServingFixture.create("generic-plan", 200, 8, ScoreMetric.COSINE);
        CatalogRef ref = new CatalogRef(Fixtures.catalogId(f.catalog()), f.catalog(), CatalogSettings.DEFAULTS, f.modelId());
        ModelVectors model = vectors.get(f.modelId()).orElseThrow();
        SqlConnection connection = pool.getConnection().await().indefinitely();
        try {
            // PostgreSQL plans the first five executions of a prepared statement for their parameters.
            for (int run = 0; run < 8; run++) {
                String probe = "i" + (run * 17);
                assertEquals(10, search.nearest(connection, ref, model, f.vectors().get(probe), 10, new long[0], List.of())
                        .await().indefinitely().size());
            }
            Row plans = connection.query("SELECT generic_plans, custom_plans FROM pg_prepared_statements "
                    + "WHERE statement LIKE '%" + Model.vectorTable(f.modelId()) + "%'").execute().await().indefinitely()
                    .iterator().next();
            assertTrue(plans.getLong(0) >= 1, "generic plans " + plans.getLong(0) + ", custom " + plans.getLong(1));
        } finally {
            connection.closeAndAwait();
        }
    }
}
