package io.semrec.serving;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.semrec.catalog.CatalogRef;
import io.semrec.catalog.CatalogSettings;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
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

    private final Pool pool;
    /** Concurrent misses of one key share a single query. */
    private final AsyncCache<Key, List<ScoredItem>> rankings;

    PopularItems(Pool pool, ServingConfig config) {
        this.pool = pool;
        this.rankings = Caffeine.newBuilder().expireAfterWrite(config.popularityTtl()).maximumSize(10_000).buildAsync();
    }

    /** The {@code k} most popular items passing the filters, leaving out {@code exclude} (external ids). */
    Uni<List<ScoredItem>> top(CatalogRef catalog, RecommendationQuery query, Set<String> exclude) {
        Key key = new Key(catalog.id(), query.filters());
        return Uni.createFrom().completionStage(rankings.get(key, (k, executor) -> rank(k).subscribeAsCompletionStage()))
                .map(ranking -> ranking.stream()
                        .filter(item -> !exclude.contains(item.itemId()))
                        .limit(query.k())
                        .toList());
    }

    private Uni<List<ScoredItem>> rank(Key key) {
        String sql = """
                SELECT i.external_id, count(e.item_id) AS events
                FROM item i LEFT JOIN event e ON e.catalog_id = i.catalog_id AND e.item_id = i.id
                WHERE i.catalog_id = $1 AND i.available
                """ + AttributeFilter.sql(key.filters, 2)
                + "GROUP BY i.id, i.external_id ORDER BY events DESC, i.id LIMIT " + RANKING_LENGTH;
        Tuple parameters = AttributeFilter.bind(Tuple.of(key.catalogId), key.filters);
        return pool.preparedQuery(sql).execute(parameters).map(rows -> {
            List<ScoredItem> ranking = new ArrayList<>(rows.size());
            for (Row row : rows) {
                ranking.add(new ScoredItem(row.getString(0), row.getLong(1)));
            }
            return ranking;
        }).onFailure().transform(e -> new IllegalStateException("ranking popular items failed", e));
    }
}
