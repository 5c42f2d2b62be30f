package io.semrec.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/** {@code semrec.ingest.lines} counters, tagged by kind (items, events) and outcome. */
@ApplicationScoped
public class IngestMetrics {

    /** The four outcome counters of one kind of import. */
    record Counters(Counter accepted, Counter updated, Counter unchanged, Counter rejected) {
    }

    private final Counters items;
    private final Counters events;

    IngestMetrics(MeterRegistry registry) {
        items = counters(registry, "items");
        events = counters(registry, "events");
    }

    Counters items() {
        return items;
    }

    Counters events() {
        return events;
    }

    private static Counters counters(MeterRegistry registry, String kind) {
        return new Counters(counter(registry, kind, "accepted"), counter(registry, kind, "updated"),
                counter(registry, kind, "unchanged"), counter(registry, kind, "rejected"));
    }

    private static Counter counter(MeterRegistry registry, String kind, String outcome) {
        return Counter.builder("semrec.ingest.lines")
                .description("Import lines by outcome")
                .tag("kind", kind)
                .tag("outcome", outcome)
                .register(registry);
    }
}
