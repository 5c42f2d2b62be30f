package io.semrec.ingest;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Tuning of bulk imports ({@code semrec.ingest.*}). */
@ConfigMapping(prefix = "semrec.ingest")
public interface IngestConfig {

    /** Lines written per batch; each batch is its own transaction. */
    @WithDefault("5000")
    int batchLines();

    /** Batches written at the same time by one import, each on its own connection. */
    @WithDefault("2")
    int writers();

    /** Staged bytes per batch, so that batches of large items stay small in memory. */
    @WithDefault("8M")
    MemorySize batchBytes();

    /** Longest accepted line (for CSV: record); longer ones are rejected without being held in memory. */
    @WithDefault("1M")
    MemorySize maxLineBytes();

    /** How many line errors a report lists; its {@code rejected} count is always complete. */
    @WithDefault("1000")
    int maxListedErrors();
}
