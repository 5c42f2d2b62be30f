package io.semrec.model;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of model publishing. */
@ConfigMapping(prefix = "semrec.models")
public interface ModelsConfig {

    /** {@code maintenance_work_mem} while a model's HNSW index is built; more memory builds faster. */
    @WithDefault("512MB")
    String indexBuildMemory();
}
