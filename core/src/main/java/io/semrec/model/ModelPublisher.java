package io.semrec.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pgvector.PGvector;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.Iterator;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Publishes a model on the caller's connection, inside the caller's transaction: its vectors go
 * into a new table (COPY), which gets its HNSW index and is then attached as the model's partition
 * of {@code item_vector}, together with the model row. Nothing is visible to others before the
 * caller commits, so serving never sees a model whose vectors are not all written.
 *
 * <p>Shared by the vector upload and the training worker's publishing step.
 */
public final class ModelPublisher {

    /** HNSW graph degree and build-time candidate list; pgvector's defaults, fixed so models compare. */
    public static final int HNSW_M = 16;
    public static final int HNSW_EF_CONSTRUCTION = 64;

    private static final int COPY_BUFFER_CHARS = 1 << 16;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String indexBuildMemory;

    /** @param indexBuildMemory {@code maintenance_work_mem} for the index build, e.g. "512MB" */
    public ModelPublisher(String indexBuildMemory) {
        if (!indexBuildMemory.matches("[0-9]+\\s*[kMG]?B")) {
            throw new IllegalArgumentException("not a PostgreSQL memory size: " + indexBuildMemory);
        }
        this.indexBuildMemory = indexBuildMemory;
    }

    /**
     * Writes the model; the caller commits (or rolls back, which leaves nothing behind).
     *
     * @param vectors each item at most once, all of one width; an exception thrown by the iterator
     *        aborts the publish and propagates
     * @return the new model's id
     * @throws IllegalArgumentException no vectors, widths differ, too wide, or a non-finite number
     */
    public long publish(Connection connection, ModelDraft draft, Iterator<ItemVector> vectors) throws SQLException {
        if (connection.getAutoCommit()) {
            throw new IllegalStateException("publish inside a transaction, so that a failure leaves nothing behind");
        }
        long modelId = nextModelId(connection);
        String table = Model.vectorTable(modelId);
        execute(connection, "CREATE TABLE " + table + " (LIKE item_vector INCLUDING DEFAULTS, "
                // Lets ATTACH PARTITION skip scanning the rows to prove they belong there.
                + "CONSTRAINT " + table + "_model CHECK (model_id = " + modelId + "))");
        Copied copied = copy(connection, table, draft.catalogId(), modelId, vectors);
        // Without statistics the planner takes the fresh table for tiny and sorts it instead of using the index.
        execute(connection, "ANALYZE " + table);
        execute(connection, "SET LOCAL maintenance_work_mem = '" + indexBuildMemory + "'");
        execute(connection, "CREATE INDEX " + table + "_embedding ON " + table + " USING hnsw ((embedding::vector("
                + copied.dim + ")) " + draft.metric().operatorClass + ") WITH (m = " + HNSW_M
                + ", ef_construction = " + HNSW_EF_CONSTRUCTION + ")");
        insertModelRow(connection, modelId, draft, copied);
        execute(connection, "ALTER TABLE item_vector ATTACH PARTITION " + table + " FOR VALUES IN (" + modelId + ")");
        return modelId;
    }

    private record Copied(int dim, int count) {
    }

    private static long nextModelId(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT nextval(pg_get_serial_sequence('model', 'id'))")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Copied copy(Connection connection, String table, long catalogId, long modelId,
            Iterator<ItemVector> vectors) throws SQLException {
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("COPY " + table + " (catalog_id, model_id, item_id, embedding) FROM STDIN");
        try {
            String rowPrefix = catalogId + "\t" + modelId + "\t";
            StringBuilder buffer = new StringBuilder(COPY_BUFFER_CHARS + 1024);
            int dim = VectorRules.ANY_DIM;
            int count = 0;
            while (vectors.hasNext()) {
                ItemVector row = vectors.next();
                dim = checkedWidth(row.vector(), dim);
                buffer.append(rowPrefix).append(row.itemId()).append('\t')
                        .append(new PGvector(row.vector()).getValue()).append('\n');
                count++;
                if (buffer.length() >= COPY_BUFFER_CHARS) {
                    send(copy, buffer);
                }
            }
            if (count == 0) {
                throw new IllegalArgumentException("a model needs at least one item vector");
            }
            send(copy, buffer);
            copy.endCopy();
            return new Copied(dim, count);
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    private static int checkedWidth(float[] vector, int expected) {
        String problem = VectorRules.problem(vector, expected);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return vector.length;
    }

    private static void send(CopyIn copy, StringBuilder buffer) throws SQLException {
        byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        buffer.setLength(0);
    }

    private static void insertModelRow(Connection connection, long modelId, ModelDraft draft, Copied copied)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO model (id, catalog_id, job_id, method, dim, metric, item_count, params, metrics,
                                   data_snapshot)
                VALUES (?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), CAST(? AS jsonb), CAST(? AS jsonb))""")) {
            insert.setLong(1, modelId);
            insert.setLong(2, draft.catalogId());
            if (draft.jobId() == null) {
                insert.setNull(3, Types.BIGINT);
            } else {
                insert.setLong(3, draft.jobId());
            }
            insert.setString(4, draft.method());
            insert.setInt(5, copied.dim);
            insert.setString(6, draft.metric().wireName());
            insert.setInt(7, copied.count);
            insert.setString(8, json(draft.params()));
            insert.setString(9, json(draft.metrics()));
            insert.setString(10, draft.dataSnapshot() == null ? null : json(draft.dataSnapshot()));
            insert.executeUpdate();
        }
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not serialisable as JSON: " + value, e);
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
