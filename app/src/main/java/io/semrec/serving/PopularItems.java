package io.semrec.serving;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.agroal.api.AgroalDataSource;
import io.semrec.catalog.CatalogRef;
import io.semrec.catalog.CatalogSettings;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The popularity fallback: a catalog's available items ranked by how many events they have (items
 * without events last), honouring the request's filters. Each ranking is reused for a short TTL.
 */
@ApplicationScoped
class PopularItems {

    /**
     * Ranking length: enough for the largest k after excluding the longest history, so exclusions
     * never leave fewer than k items that the database holds.
     */
    static final int RANKING_LENGTH = RecommendationQuery.MAX_K + CatalogSettings.MAX_HISTORY_LENGTH;

    private record Key(long catalogId, List<AttributeFilter> filters) {
    }

    private final AgroalDataSource dataSource;
    private final Cache<Key, List<ScoredItem>> rankings;

    PopularItems(AgroalDataSource dataSource, ServingConfig config) {
        this.dataSource = dataSource;
        this.rankings = Caffeine.newBuilder().expireAfterWrite(config.popularityTtl()).maximumSize(10_000).build();
    }

    /** The {@code k} most popular items passing the filters, leaving out {@code exclude} (external ids). */
    List<ScoredItem> top(CatalogRef catalog, RecommendationQuery query, Set<String> exclude) {
        return rankings.get(new Key(catalog.id(), query.filters()), this::rank).stream()
                .filter(item -> !exclude.contains(item.itemId()))
                .limit(query.k())
                .toList();
    }

    private List<ScoredItem> rank(Key key) {
        String sql = """
                SELECT i.external_id, count(e.item_id) AS events
                FROM item i LEFT JOIN event e ON e.catalog_id = i.catalog_id AND e.item_id = i.id
                WHERE i.catalog_id = ? AND i.available
                """ + AttributeFilter.sql(key.filters) + "GROUP BY i.id, i.external_id ORDER BY events DESC, i.id LIMIT ?";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(sql)) {
            query.setLong(1, key.catalogId);
            query.setInt(AttributeFilter.bind(query, 2, key.filters), RANKING_LENGTH);
            List<ScoredItem> ranking = new ArrayList<>();
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    ranking.add(new ScoredItem(rs.getString(1), rs.getLong(2)));
                }
            }
            return ranking;
        } catch (SQLException e) {
            throw new IllegalStateException("ranking popular items failed", e);
        }
    }
}
