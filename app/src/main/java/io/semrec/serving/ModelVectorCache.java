package io.semrec.serving;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.agroal.api.AgroalDataSource;
import io.semrec.api.Blocking;
import io.semrec.artifact.ArtifactStore;
import io.semrec.encoder.SequenceEncoder;
import io.semrec.encoder.VectorMath;
import io.semrec.model.PublishedModel;
import io.semrec.uservector.UserVectors;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Models' item vectors in memory, loaded on first use and bounded by {@link ServingConfig#vectorCacheMib()}.
 * Keyed by model id: models never change, so only a deleted model is evicted.
 */
@ApplicationScoped
public class ModelVectorCache {

    private static final Logger LOG = Logger.getLogger(ModelVectorCache.class);
    private static final long KIB = 1024;

    private final AgroalDataSource dataSource;
    private final ArtifactStore artifacts;
    private final Cache<Long, ModelVectors> cache;

    ModelVectorCache(AgroalDataSource dataSource, ArtifactStore artifacts, ServingConfig config) {
        this.dataSource = dataSource;
        this.artifacts = artifacts;
        this.cache = Caffeine.newBuilder()
                .maximumWeight(config.vectorCacheMib() * KIB)
                .<Long, ModelVectors>weigher((id, model) -> (int) Math.min(Integer.MAX_VALUE, model.sizeBytes() / KIB))
                .build();
    }

    /** The model's vectors; empty if the model does not exist (any more). */
    Optional<ModelVectors> get(long modelId) {
        return Optional.ofNullable(cache.get(modelId, this::load));
    }

    /** Like {@link #get}, for the event loop: only loading the vectors goes to a worker thread. */
    Uni<Optional<ModelVectors>> find(long modelId) {
        return Blocking.cached(cache, modelId, this::load).map(Optional::ofNullable);
    }

    /** Loads the model's vectors now unless they are cached already. */
    public void preload(long modelId) {
        get(modelId);
    }

    public void evict(long modelId) {
        cache.invalidate(modelId);
    }

    /** Null (not cached) when there is no such model. */
    private ModelVectors load(long modelId) {
        try (Connection connection = dataSource.getConnection()) {
            Optional<PublishedModel> found = PublishedModel.find(connection, modelId);
            if (found.isEmpty()) {
                return null;
            }
            PublishedModel model = found.get();
            SequenceEncoder encoder = model.encoder(connection, artifacts);
            int dim = model.dim();
            Map<String, Integer> indexByExternalId = new HashMap<>(model.itemCount() * 4 / 3 + 1);
            long[] itemIds = new long[model.itemCount()];
            float[] vectors = new float[model.itemCount() * dim];
            model.readVectors(connection, (itemId, externalId, vector) -> {
                int index = indexByExternalId.size();
                indexByExternalId.put(externalId, index);
                itemIds[index] = itemId;
                System.arraycopy(vector, 0, vectors, index * dim, dim);
            });
            LOG.infof("model %d (%s): %d item vectors loaded for serving; encoders' dense layers on the %s", modelId,
                    model.method(), indexByExternalId.size(), VectorMath.simd() ? "Vector API" : "scalar loop");
            return new ModelVectors(modelId, model.catalogId(), dim, model.metric(), encoder,
                    UserVectors.precomputed(model.method()), indexByExternalId, itemIds, vectors);
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("loading the vectors of model " + modelId + " failed", e);
        }
    }
}
