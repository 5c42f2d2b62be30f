package io.semrec.uservector;

import com.pgvector.PGvector;
import io.semrec.training.spec.RecformerParameters;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Known users' precomputed query vectors ({@code user_vector}): which models have them, the fingerprint
 * that says whether one still matches a user's history, and the SQL both the worker (writes) and the app
 * (reads, erases) use. A vector is a pure function of the model and the item ids its encoder reads, so a
 * row whose fingerprint equals that of the ids serving would encode now is exactly what serving would
 * compute, and any other row is stale.
 */
public final class UserVectors {

    /**
     * Methods whose encoder is too slow for the request path (Recformer: a Longformer pass per history,
     * about a second of CPU); every other method encodes on the fly in well under a millisecond.
     */
    private static final Set<String> PRECOMPUTED = Set.of(RecformerParameters.METHOD);

    private static final String FIND = "SELECT embedding::text FROM user_vector "
            + "WHERE catalog_id = ? AND model_id = ? AND user_id = ? AND history_hash = ?";

    /*
     * Only while the user still has events: with the user's lock (USER_LOCK) held, an erasure either
     * committed before (no events are left, nothing is written) or waits and deletes what this writes.
     */
    private static final String UPSERT = """
            INSERT INTO user_vector (catalog_id, model_id, user_id, history_hash, embedding)
            SELECT ?, ?, ?, ?, ?::vector
             WHERE EXISTS (SELECT 1 FROM event WHERE catalog_id = ? AND user_id = ?)
            ON CONFLICT (catalog_id, model_id, user_id) DO UPDATE
               SET history_hash = EXCLUDED.history_hash, embedding = EXCLUDED.embedding, computed_at = now()
            """;

    /** A transaction-scoped lock per (catalog, user) that erasure and the writer of vectors both take. */
    private static final String USER_LOCK = "SELECT pg_advisory_xact_lock((? % 2147483647)::int, hashtext(u)) "
            + "FROM (SELECT u FROM unnest(?::text[]) u ORDER BY u) users";

    private UserVectors() {
    }

    /** One user's vector and the fingerprint of the history it was computed from. */
    public record Row(String userId, byte[] historyHash, float[] embedding) {
    }

    /** Whether known users' vectors of a model of this method are precomputed. */
    public static boolean precomputed(String method) {
        return PRECOMPUTED.contains(method);
    }

    /** Every method with precomputed user vectors. */
    public static Set<String> precomputedMethods() {
        return PRECOMPUTED;
    }

    /** SHA-256 of the item ids an encoder reads, in the order it reads them (oldest first). */
    public static byte[] fingerprint(long[] itemIds) {
        ByteBuffer bytes = ByteBuffer.allocate(itemIds.length * Long.BYTES);
        for (long id : itemIds) {
            bytes.putLong(id);
        }
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes.array());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** The user's vector if it was computed from exactly the history with this fingerprint. */
    public static Optional<float[]> find(Connection connection, long catalogId, long modelId, String userId,
            byte[] historyHash) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(FIND)) {
            query.setLong(1, catalogId);
            query.setLong(2, modelId);
            query.setString(3, userId);
            query.setBytes(4, historyHash);
            try (ResultSet rs = query.executeQuery()) {
                return rs.next() ? Optional.of(new PGvector(rs.getString(1)).toArray()) : Optional.empty();
            }
        }
    }

    /** The stored fingerprints of these users' vectors of the model; users without one are absent. */
    public static Map<String, byte[]> fingerprints(Connection connection, long catalogId, long modelId,
            Collection<String> userIds) throws SQLException {
        Map<String, byte[]> stored = new HashMap<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT user_id, history_hash FROM user_vector "
                + "WHERE catalog_id = ? AND model_id = ? AND user_id = ANY (?)")) {
            query.setLong(1, catalogId);
            query.setLong(2, modelId);
            query.setArray(3, connection.createArrayOf("text", userIds.toArray()));
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    stored.put(rs.getString(1), rs.getBytes(2));
                }
            }
        }
        return stored;
    }

    /**
     * Writes (or replaces) the users' vectors of the model in the caller's transaction, except for users
     * erased meanwhile.
     */
    public static void upsert(Connection connection, long catalogId, long modelId, Collection<Row> rows)
            throws SQLException {
        lockUsers(connection, catalogId, rows.stream().map(Row::userId).toArray());
        try (PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
            for (Row row : rows) {
                upsert.setLong(1, catalogId);
                upsert.setLong(2, modelId);
                upsert.setString(3, row.userId());
                upsert.setBytes(4, row.historyHash());
                upsert.setString(5, new PGvector(row.embedding()).getValue());
                upsert.setLong(6, catalogId);
                upsert.setString(7, row.userId());
                upsert.addBatch();
            }
            upsert.executeBatch();
        }
    }

    /**
     * Takes the user's lock for the caller's transaction, which then deletes the user's events and
     * {@link #eraseVectors}: a vector being written meanwhile cannot survive the erasure.
     */
    public static void lockForErasure(Connection connection, long catalogId, String userId) throws SQLException {
        lockUsers(connection, catalogId, new Object[] {userId});
    }

    /** Deletes the user's vectors of every model and any pending recomputation (a privacy erasure). */
    public static void eraseVectors(Connection connection, long catalogId, String userId) throws SQLException {
        for (String table : new String[] {"user_vector", "user_vector_dirty"}) {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM " + table + " WHERE catalog_id = ? AND user_id = ?")) {
                delete.setLong(1, catalogId);
                delete.setString(2, userId);
                delete.executeUpdate();
            }
        }
    }

    private static void lockUsers(Connection connection, long catalogId, Object[] userIds) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(USER_LOCK)) {
            lock.setLong(1, catalogId);
            lock.setArray(2, connection.createArrayOf("text", userIds));
            lock.execute();
        }
    }
}
