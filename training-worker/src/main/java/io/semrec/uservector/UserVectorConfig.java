package io.semrec.uservector;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How the worker keeps known users' query vectors current ({@code semrec.worker.user-vectors.*}). */
@ConfigMapping(prefix = "semrec.worker.user-vectors")
public interface UserVectorConfig {

    /** Whether this worker precomputes user vectors at all (any number of workers may; one works on a catalog at a time). */
    @WithDefault("true")
    boolean enabled();

    /** Users encoded and committed together: the most work a crash can lose. */
    @WithDefault("32")
    int batchSize();

    /** Batches of one catalog per round, so a long first pass over one catalog does not starve the others. */
    @WithDefault("16")
    int batchesPerRound();

    /** Threads encoding a batch's users; the rest of the machine keeps training. */
    @WithDefault("1")
    int threads();

    /** How often catalogs are checked besides LISTEN/NOTIFY (activation, new events). */
    @WithDefault("10s")
    Duration poll();
}
