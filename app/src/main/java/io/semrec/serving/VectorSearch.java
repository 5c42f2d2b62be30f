package io.semrec.serving;

import com.pgvector.PGvector;
import io.agroal.api.AgroalDataSource;
import io.semrec.catalog.CatalogRef;
import io.semrec.model.Model;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/**
 * The one pgvector query of a recommendation: the available items nearest to a query vector in the
 * model's partition, through its HNSW index. The session settings and the query travel in one JDBC
 * execution (pgjdbc sends all statements before a single Sync), so a search costs one round trip.
 */
@ApplicationScoped
class VectorSearch {

    private final AgroalDataSource dataSource;

    VectorSearch(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * @param excludeItemIds internal ids of items that must not be returned
     * @return up to {@code k} items, best first
     */
    List<ScoredItem> nearest(CatalogRef catalog, ModelVectors model, float[] query, int k, long[] excludeItemIds,
            List<AttributeFilter> filters) {
        try (Connection connection = dataSource.getConnection()) {
            return nearest(connection, catalog, model, query, k, excludeItemIds, filters);
        } catch (SQLException e) {
            throw new IllegalStateException("nearest-neighbour query on model " + model.modelId + " failed", e);
        }
    }

    /** The same search on a given connection (tests use one whose planner settings force the index scan). */
    List<ScoredItem> nearest(Connection connection, CatalogRef catalog, ModelVectors model, float[] query, int k,
            long[] excludeItemIds, List<AttributeFilter> filters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql(catalog, model, filters))) {
            int p = 1;
            statement.setString(p++, new PGvector(query).getValue());
            statement.setLong(p++, catalog.id());
            statement.setString(p++, LongStream.of(excludeItemIds).mapToObj(Long::toString)
                    .collect(Collectors.joining(",", "{", "}")));
            statement.setInt(AttributeFilter.bind(statement, p, filters), k);
            List<ScoredItem> items = new ArrayList<>(k);
            try (ResultSet rs = resultOfLastStatement(statement)) {
                while (rs.next()) {
                    items.add(new ScoredItem(rs.getString(1), model.metric.scoreFromDistance(rs.getDouble(2))));
                }
            }
            // Iterative scans in relaxed order may return neighbours slightly out of order.
            items.sort(Comparator.comparingDouble(ScoredItem::score).reversed());
            return items;
        }
    }

    /**
     * Session settings first: every search sets all it depends on, so what it leaves on the pooled
     * connection never matters. Iterative scans keep reading the index until {@code k} rows pass the
     * filters (pgvector filters after the index scan).
     */
    static String sql(CatalogRef catalog, ModelVectors model, List<AttributeFilter> filters) {
        String vectorType = "vector(" + model.dim + ")";
        StringBuilder sql = new StringBuilder()
                .append("SET hnsw.ef_search = ").append(catalog.settings().efSearchOrDefault()).append(";\n")
                .append("SET hnsw.iterative_scan = relaxed_order;\n")
                .append("SELECT i.external_id, v.embedding::").append(vectorType).append(' ')
                .append(model.metric.distanceOperator).append(" CAST(? AS ").append(vectorType).append(") AS distance\n")
                .append("FROM ").append(Model.vectorTable(model.modelId)).append(" v\n")
                .append("JOIN item i ON i.catalog_id = v.catalog_id AND i.id = v.item_id\n")
                .append("WHERE i.catalog_id = ? AND i.available AND v.item_id <> ALL (CAST(? AS bigint[]))\n")
                .append(AttributeFilter.sql(filters));
        return sql.append("ORDER BY distance LIMIT ?").toString();
    }

    private static ResultSet resultOfLastStatement(PreparedStatement statement) throws SQLException {
        boolean isResultSet = statement.execute();
        while (!isResultSet) {
            if (statement.getUpdateCount() == -1) {
                throw new SQLException("the search returned no rows result");
            }
            isResultSet = statement.getMoreResults();
        }
        return statement.getResultSet();
    }
}
