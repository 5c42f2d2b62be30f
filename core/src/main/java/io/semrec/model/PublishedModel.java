package io.semrec.model;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pgvector.PGvector;
import io.semrec.artifact.ArtifactStore;
import io.semrec.encoder.EncoderFactory;
import io.semrec.encoder.SequenceEncoder;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;

/**
 * A published model read back from the database, for whoever uses it after training: serving loads
 * its vectors and encoder, a training job scores it on its own split ("if-better"), a refresh job
 * extends it with new items.
 *
 * @param params the resolved parameters its job recorded
 * @param metrics what its job measured ({@code model.metrics})
 */
public record PublishedModel(long id, long catalogId, String method, ScoreMetric metric, int dim, int itemCount,
        Map<String, Object> params, Map<String, Object> metrics) {

    private static final int FETCH_ROWS = 10_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    /** Receives a model's item vectors one by one. */
    @FunctionalInterface
    public interface VectorSink {

        void accept(long itemId, String externalId, float[] vector);
    }

    /** The model's row; empty when no such model exists (any more). */
    public static Optional<PublishedModel> find(Connection connection, long modelId) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT catalog_id, method, metric, dim, "
                + "item_count, params::text, metrics::text FROM model WHERE id = ?")) {
            query.setLong(1, modelId);
            try (ResultSet rs = query.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new PublishedModel(modelId, rs.getLong(1), rs.getString(2),
                        ScoreMetric.fromWireName(rs.getString(3)), rs.getInt(4), rs.getInt(5),
                        JSON.readValue(rs.getString(6), OBJECT), JSON.readValue(rs.getString(7), OBJECT)));
            } catch (IOException e) {
                throw new SQLException("model " + modelId + " has malformed params or metrics", e);
            }
        }
    }

    /** The encoder that turns a history of this model's item vectors into its query. */
    public SequenceEncoder encoder(Connection connection, ArtifactStore artifacts) throws SQLException, IOException {
        return EncoderFactory.forModel(method, params, artifacts.of(connection, id));
    }

    /**
     * Streams the model's item vectors (in no particular order). Runs in a transaction of its own on
     * {@code connection} so the driver can use a cursor instead of buffering every row.
     */
    public void readVectors(Connection connection, VectorSink sink) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (PreparedStatement query = connection.prepareStatement("SELECT v.item_id, i.external_id, "
                + "v.embedding::text FROM " + Model.vectorTable(id) + " v "
                + "JOIN item i ON i.catalog_id = v.catalog_id AND i.id = v.item_id")) {
            query.setFetchSize(FETCH_ROWS);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    sink.accept(rs.getLong(1), rs.getString(2), new PGvector(rs.getString(3)).toArray());
                }
            }
        } finally {
            if (autoCommit) {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        }
    }
}
