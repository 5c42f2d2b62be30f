package io.semrec.serving;

import com.pgvector.PGvector;
import io.semrec.catalog.CatalogRef;
import io.semrec.model.Model;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.LongStream;

/**
 * The one pgvector query of a recommendation: the available items nearest to a query vector in the
 * model's partition, through its HNSW index. It runs on the reactive client, so a request whose model is
 * cached never leaves the event loop; the session settings and the query are pipelined on one
 * connection (sent together, answered together), so a search costs one round trip.
 */
@ApplicationScoped
class VectorSearch {

    /**
     * Session settings: every search sets all it depends on, so what it leaves on the pooled connection never
     * matters. Iterative scans keep reading the index until {@code k} rows pass the filters (pgvector filters
     * after the index scan).
     */
    private static final String SETTINGS = "SELECT set_config('hnsw.ef_search', $1, false), "
            + "set_config('hnsw.iterative_scan', 'relaxed_order', false)";

    private final Pool pool;

    VectorSearch(Pool pool) {
        this.pool = pool;
    }

    /**
     * @param excludeItemIds internal ids of items that must not be returned
     * @return up to {@code k} items, best first
     */
    Uni<List<ScoredItem>> nearest(CatalogRef catalog, ModelVectors model, float[] query, int k, long[] excludeItemIds,
            List<AttributeFilter> filters) {
        return pool.withConnection(connection -> nearest(connection, catalog, model, query, k, excludeItemIds, filters))
                .onFailure().transform(e -> new IllegalStateException(
                        "nearest-neighbour query on model " + model.modelId + " failed", e));
    }

    /** The same search on a given connection (tests use one whose planner settings force the index scan). */
    Uni<List<ScoredItem>> nearest(SqlConnection connection, CatalogRef catalog, ModelVectors model, float[] query,
            int k, long[] excludeItemIds, List<AttributeFilter> filters) {
        Tuple parameters = Tuple.of(new PGvector(query).getValue(),
                LongStream.of(excludeItemIds).boxed().toArray(Long[]::new));
        AttributeFilter.bind(parameters, filters);
        // Both are queued before either answers: the driver pipelines them, in this order.
        Uni<RowSet<Row>> settings = connection.preparedQuery(SETTINGS)
                .execute(Tuple.of(Integer.toString(catalog.settings().efSearchOrDefault())));
        Uni<RowSet<Row>> nearest = connection.preparedQuery(sql(catalog, model, filters, k)).execute(parameters);
        return Uni.combine().all().unis(settings, nearest).asTuple().map(answers -> {
            List<ScoredItem> items = new ArrayList<>(k);
            for (Row row : answers.getItem2()) {
                items.add(new ScoredItem(row.getString(0), model.metric.scoreFromDistance(row.getDouble(1))));
            }
            // Iterative scans in relaxed order may return neighbours slightly out of order.
            items.sort(Comparator.comparingDouble(ScoredItem::score).reversed());
            return items;
        });
    }

    /**
     * Parameters: the query vector as text, the excluded item ids, then the filters'. The catalog id and {@code k}
     * are written into the statement: with them as parameters the planner cannot cost a generic plan like the
     * plans for given values ({@code LIMIT $n}; a catalog's share of the item table), so PostgreSQL re-plans
     * every execution (about 0.25 ms here, a tenth of the search). With literals it switches to the cached generic
     * plan after five executions. The catalog id adds no statements to cache: the model's table is one catalog's.
     */
    static String sql(CatalogRef catalog, ModelVectors model, List<AttributeFilter> filters, int k) {
        String vectorType = "vector(" + model.dim + ")";
        return "SELECT i.external_id, v.embedding::" + vectorType + ' ' + model.metric.distanceOperator
                + " CAST($1 AS " + vectorType + ") AS distance\n"
                + "FROM " + Model.vectorTable(model.modelId) + " v\n"
                + "JOIN item i ON i.catalog_id = v.catalog_id AND i.id = v.item_id\n"
                + "WHERE i.catalog_id = " + catalog.id() + " AND i.available AND v.item_id <> ALL (CAST($2 AS bigint[]))\n"
                + AttributeFilter.sql(filters, 3)
                + "ORDER BY distance LIMIT " + k;
    }
}
