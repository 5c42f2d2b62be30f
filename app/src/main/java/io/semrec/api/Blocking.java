package io.semrec.api;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import java.util.function.Supplier;

/** Blocking work (JDBC, Hibernate) asked for from an event-loop endpoint runs on a worker thread. */
public final class Blocking {

    private Blocking() {
    }

    public static <T> Uni<T> onWorker(Supplier<T> work) {
        return Uni.createFrom().item(work).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }
}
