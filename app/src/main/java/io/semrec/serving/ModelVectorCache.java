package io.semrec.serving;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.pgvector.PGvector;
import io.agroal.api.AgroalDataSource;
import io.semrec.encoder.SequenceEncoder;
import io.semrec.model.Model;
import io.semrec.model.ScoreMetric;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Models' item vectors in memory, loaded on first use and bounded by {@link ServingConfig#vectorCacheMib()}.
 * Keyed by model id: models never change, so only a deleted model is evicted.
 */
@ApplicationScoped
public class ModelVectorCache {

    private static final int FETCH_ROWS = 10_000;
    private static final long KIB = 1024;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    private final AgroalDataSource dataSource;
    private final ModelEncoders encoders;
    private final Cache<Long, ModelVectors> cache;

    ModelVectorCache(AgroalDataSource dataSource, ModelEncoders encoders, ServingConfig config) {
        this.dataSource = dataSource;
        this.encoders = encoders;
        this.cache = Caffeine.newBuilder()
                .maximumWeight(config.vectorCacheMib() * KIB)
                .<Long, ModelVectors>weigher((id, model) -> (int) Math.min(Integer.MAX_VALUE, model.sizeBytes() / KIB))
                .build();
    }

    /** The model's vectors; empty if the model does not exist (any more). */
    Optional<ModelVectors> get(long modelId) {
        return Optional.ofNullable(cache.get(modelId, this::load));
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
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT method, dim, metric, item_count, params::text, catalog_id FROM model WHERE id = ?")) {
                query.setLong(1, modelId);
                try (ResultSet rs = query.executeQuery()) {
                    if (!rs.next()) {
                        return null;
                    }
                    SequenceEncoder encoder = encoders.forModel(connection, modelId, rs.getString(1),
                            JSON.readValue(rs.getString(5), OBJECT));
                    return loadVectors(connection, modelId, rs.getLong(6), encoder, rs.getInt(2),
                            ScoreMetric.fromWireName(rs.getString(3)), rs.getInt(4));
                }
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("loading the vectors of model " + modelId + " failed", e);
        }
    }

    private static ModelVectors loadVectors(Connection connection, long modelId, long catalogId, SequenceEncoder encoder,
            int dim, ScoreMetric metric, int itemCount) throws SQLException {
        Map<String, Integer> indexByExternalId = new HashMap<>(itemCount * 4 / 3 + 1);
        long[] itemIds = new long[itemCount];
        float[] vectors = new float[itemCount * dim];
        // A cursor (fetch size, outside auto-commit) streams the rows instead of buffering them all.
        connection.setAutoCommit(false);
        try (PreparedStatement query = connection.prepareStatement("SELECT i.external_id, v.item_id, v.embedding::text"
                + " FROM " + Model.vectorTable(modelId) + " v JOIN item i ON i.catalog_id = v.catalog_id AND i.id = v.item_id")) {
            query.setFetchSize(FETCH_ROWS);
            try (ResultSet rs = query.executeQuery()) {
                int index = 0;
                while (rs.next()) {
                    indexByExternalId.put(rs.getString(1), index);
                    itemIds[index] = rs.getLong(2);
                    System.arraycopy(new PGvector(rs.getString(3)).toArray(), 0, vectors, index * dim, dim);
                    index++;
                }
            }
        } finally {
            connection.rollback();
            connection.setAutoCommit(true);
        }
        return new ModelVectors(modelId, catalogId, dim, metric, encoder, indexByExternalId, itemIds, vectors);
    }
}
