package io.semrec.api;

import com.github.benmanes.caffeine.cache.Cache;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import java.util.function.Function;
import java.util.function.Supplier;

/** Blocking work (JDBC, Hibernate) asked for from an event-loop endpoint runs on a worker thread. */
public final class Blocking {

    private Blocking() {
    }

    public static <T> Uni<T> onWorker(Supplier<T> work) {
        return Uni.createFrom().item(work).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    /** The cached value at once; a miss is loaded into the cache on a worker thread (null if {@code load} gives none). */
    public static <K, V> Uni<V> cached(Cache<K, V> cache, K key, Function<? super K, ? extends V> load) {
        V cached = cache.getIfPresent(key);
        return cached != null ? Uni.createFrom().item(cached) : onWorker(() -> cache.get(key, load));
    }
}
