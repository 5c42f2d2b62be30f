package io.semrec.serving;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.semrec.api.Blocking;
import io.semrec.api.ProblemException;
import io.semrec.catalog.CatalogRef;
import io.semrec.ingest.ItemService;
import io.semrec.ingest.ItemView;
import io.semrec.ingest.UserEventService;
import io.semrec.ingest.UserHistory;
import io.semrec.serving.Recommendations.Source;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Answers recommendation requests: encode the history with the active model's encoder, then one
 * nearest-neighbour query; the popularity ranking when there is no active model or nothing in the
 * history that the model knows. Non-blocking: with the catalog and the model's vectors cached, a session
 * or similar-items request runs on the event loop from start to end (decision 16).
 */
@ApplicationScoped
public class RecommendationService {

    /** Which endpoint asked, for the per-source counter. */
    enum Endpoint {
        USER, SESSION, SIMILAR
    }

    private final ModelVectorCache vectors;
    private final VectorSearch search;
    private final UserEventService userEvents;
    private final ItemService items;
    private final PopularItems popular;
    private final PrecomputedUserVectors userVectors;
    private final Map<Endpoint, Map<Source, Counter>> served = new EnumMap<>(Endpoint.class);

    RecommendationService(ModelVectorCache vectors, VectorSearch search, UserEventService userEvents, ItemService items,
            PopularItems popular, PrecomputedUserVectors userVectors, MeterRegistry registry) {
        this.vectors = vectors;
        this.search = search;
        this.userEvents = userEvents;
        this.items = items;
        this.popular = popular;
        this.userVectors = userVectors;
        for (Endpoint endpoint : Endpoint.values()) {
            Map<Source, Counter> bySource = new EnumMap<>(Source.class);
            for (Source source : Source.values()) {
                bySource.put(source, Counter.builder("semrec.recommendations")
                        .description("Recommendation responses, by what ranked the items")
                        .tag("endpoint", endpoint.name().toLowerCase(Locale.ROOT))
                        .tag("source", source.wireName())
                        .register(registry));
            }
            served.put(endpoint, bySource);
        }
    }

    public Uni<Recommendations> forUser(CatalogRef catalog, String userId, RecommendationQuery query) {
        return recentItems(catalog, userId).flatMap(history -> activeModel(catalog)
                .flatMap(model -> fromHistory(catalog, model, userId, history, history, query, Endpoint.USER)));
    }

    /**
     * @param history the session's items, oldest first: the catalog's history length of the newest
     *        are encoded, and none of them is recommended (unless {@code exclude_seen=false})
     */
    public Uni<Recommendations> forSession(CatalogRef catalog, List<String> history, RecommendationQuery query) {
        return activeModel(catalog).flatMap(model -> forSession(catalog, model, history, query));
    }

    /**
     * Like {@link #forSession(CatalogRef, List, RecommendationQuery)}, from one of the catalog's models
     * whether it is active or not: for trying models out next to each other.
     */
    public Uni<Recommendations> forSession(CatalogRef catalog, long modelId, List<String> history,
            RecommendationQuery query) {
        return vectors.find(modelId).flatMap(found -> {
            ModelVectors model = found.filter(m -> m.catalogId == catalog.id()).orElseThrow(() -> ProblemException
                    .notFound("no model " + modelId + " in catalog '" + catalog.slug() + "'"));
            return forSession(catalog, Optional.of(model), history, query);
        });
    }

    private Uni<Recommendations> forSession(CatalogRef catalog, Optional<ModelVectors> model, List<String> history,
            RecommendationQuery query) {
        int keep = Math.min(history.size(), catalog.settings().historyLengthOrDefault());
        return fromHistory(catalog, model, null, history.subList(history.size() - keep, history.size()), history,
                query, Endpoint.SESSION);
    }

    /** Items nearest to the item in the active model; never the item itself. */
    public Uni<Recommendations> similar(CatalogRef catalog, String itemId, RecommendationQuery query) {
        return activeModel(catalog).flatMap(model -> {
            int index = model.map(m -> m.indexOf(itemId)).orElse(ModelVectors.ABSENT);
            if (index == ModelVectors.ABSENT) {
                return Blocking.onWorker(() -> requireItem(catalog, itemId))
                        .flatMap(known -> popularity(catalog, Set.of(itemId), query, Endpoint.SIMILAR));
            }
            ModelVectors m = model.get();
            return search.nearest(catalog, m, m.vector(index), query.k(), new long[] {m.itemId(index)}, query.filters())
                    .map(nearest -> answer(catalog, m.modelId, Source.MODEL, nearest, Endpoint.SIMILAR));
        });
    }

    /**
     * @param model the model to answer from; empty: the popularity ranking
     * @param userId the known user whose history this is; null for a session
     * @param encoded the items whose vectors form the query; {@code seenItems}: those to leave out
     */
    private Uni<Recommendations> fromHistory(CatalogRef catalog, Optional<ModelVectors> model, String userId,
            List<String> encoded, List<String> seenItems, RecommendationQuery query, Endpoint endpoint) {
        Set<String> seen = query.excludeSeen() ? new HashSet<>(seenItems) : Set.of();
        if (model.isEmpty()) {
            return popularity(catalog, seen, query, endpoint);
        }
        ModelVectors m = model.get();
        List<float[]> known = new ArrayList<>(encoded.size());
        long[] knownIds = new long[encoded.size()];
        for (String itemId : encoded) {
            int index = m.indexOf(itemId);
            if (index != ModelVectors.ABSENT) {
                knownIds[known.size()] = m.itemId(index);
                known.add(m.vector(index));
            }
        }
        if (known.isEmpty()) {
            return popularity(catalog, seen, query, endpoint);
        }
        long[] exclude = seen.stream().mapToInt(m::indexOf).filter(index -> index != ModelVectors.ABSENT)
                .mapToLong(m::itemId).toArray();
        return queryVector(m, userId, Arrays.copyOf(knownIds, known.size()), known)
                .flatMap(queryVector -> search.nearest(catalog, m, queryVector, query.k(), exclude, query.filters()))
                .map(nearest -> answer(catalog, m.modelId, Source.MODEL, nearest, endpoint));
    }

    /**
     * The user's precomputed vector when the model has them and it matches this history; else the encoder's.
     * Reading the stored vector and running a heavy encoder go to a worker thread.
     */
    private Uni<float[]> queryVector(ModelVectors model, String userId, long[] itemIds, List<float[]> vectors) {
        Supplier<float[]> encode = () -> model.encoder.encode(itemIds, vectors);
        if (userId != null && model.precomputedUsers) {
            return Blocking.onWorker(() -> userVectors.find(model, userId, itemIds).orElseGet(encode));
        }
        return model.encoder.isLightweight() ? Uni.createFrom().item(encode) : Blocking.onWorker(encode);
    }

    /** The items of the user's {@code historyLength} most recent events, oldest first. */
    private Uni<List<String>> recentItems(CatalogRef catalog, String userId) {
        return userEvents.history(catalog, userId, catalog.settings().historyLengthOrDefault()).map(history -> {
            List<String> oldestFirst = new ArrayList<>(history.events().stream().map(UserHistory.Event::itemId).toList());
            Collections.reverse(oldestFirst);
            return oldestFirst;
        });
    }

    /** 404 unless the catalog has the item. */
    private ItemView requireItem(CatalogRef catalog, String itemId) {
        try {
            return items.get(catalog, itemId);
        } catch (SQLException e) {
            throw new IllegalStateException("looking up an item failed", e);
        }
    }

    private Uni<Optional<ModelVectors>> activeModel(CatalogRef catalog) {
        return catalog.activeModelId() == null ? Uni.createFrom().item(Optional.empty())
                : vectors.find(catalog.activeModelId());
    }

    private Uni<Recommendations> popularity(CatalogRef catalog, Set<String> exclude, RecommendationQuery query,
            Endpoint endpoint) {
        return popular.top(catalog, query, exclude)
                .map(ranked -> answer(catalog, null, Source.POPULARITY, ranked, endpoint));
    }

    private Recommendations answer(CatalogRef catalog, Long modelId, Source source, List<ScoredItem> ranked,
            Endpoint endpoint) {
        served.get(endpoint).get(source).increment();
        return new Recommendations(catalog.slug(), modelId, source, ranked);
    }
}
