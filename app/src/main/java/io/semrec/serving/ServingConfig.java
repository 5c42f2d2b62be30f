package io.semrec.serving;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the recommendation endpoints. */
@ConfigMapping(prefix = "semrec.serving")
public interface ServingConfig {

    /** Heap for models' item vectors held for serving (MiB); the least used models leave first. */
    @WithDefault("1024")
    int vectorCacheMib();

    /** How long a catalog's popularity ranking is reused before it is counted again. */
    @WithDefault("60s")
    Duration popularityTtl();
}
