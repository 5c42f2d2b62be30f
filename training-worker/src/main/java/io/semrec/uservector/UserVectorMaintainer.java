package io.semrec.uservector;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.semrec.artifact.ArtifactStore;
import io.semrec.catalog.CatalogSettings;
import io.semrec.encoder.SequenceEncoder;
import io.semrec.ingest.EventOrder;
import io.semrec.model.PublishedModel;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;

/**
 * Keeps a catalog's known users' query vectors current for its active model when that model's method is
 * precomputed ({@link UserVectors#precomputed}): a full pass over every user after the model becomes
 * active, then the users whose events changed ({@code user_vector_dirty}, marked by a trigger).
 *
 * <p>Crash-safe and idempotent: each batch's vectors are committed together with its progress (the full
 * pass's last user, or the deletion of the dirty marks it handled, only if unchanged since read), so a
 * crash loses at most the batch in flight and the next round resumes; a user whose stored vector already
 * matches their history is not encoded again. One worker maintains a catalog at a time (a session
 * advisory lock); encoding runs outside any transaction.
 */
@ApplicationScoped
public class UserVectorMaintainer {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String TARGET = """
            SELECT c.settings::text, c.active_model_id, m.method
              FROM catalog c LEFT JOIN model m ON m.catalog_id = c.id AND m.id = c.active_model_id
             WHERE c.id = ?
            """;

    private static final String NEXT_USERS = "SELECT DISTINCT user_id FROM event WHERE catalog_id = ? AND user_id > ? "
            + "ORDER BY user_id LIMIT ?";

    /** Each user's {@code historyLength} most recent events, oldest first: what serving encodes. */
    private static final String HISTORIES = """
            SELECT user_id, item_id FROM (
                SELECT user_id, item_id, row_number() OVER (PARTITION BY user_id ORDER BY %s) AS recency
                  FROM event WHERE catalog_id = ? AND user_id = ANY (?)) h
             WHERE recency <= ?
             ORDER BY user_id, recency DESC
            """.formatted(EventOrder.newestFirst(""));

    private final DataSource dataSource;
    private final ArtifactStore artifacts;
    private final UserVectorConfig config;
    private final ExecutorService encoders;
    /** The loaded model each catalog's vectors are being computed for. */
    private final Map<Long, LoadedModel> models = new ConcurrentHashMap<>();

    UserVectorMaintainer(DataSource dataSource, ArtifactStore artifacts, UserVectorConfig config) {
        this.dataSource = dataSource;
        this.artifacts = artifacts;
        this.config = config;
        this.encoders = Executors.newFixedThreadPool(Math.max(1, config.threads()), r -> {
            Thread thread = new Thread(r, "semrec-user-vector-encoder");
            thread.setDaemon(true);
            return thread;
        });
    }

    @PreDestroy
    void close() {
        encoders.shutdownNow();
    }

    /** What one call did. */
    public record Round(int encoded, int unchanged, boolean more) {

        static final Round NOTHING = new Round(0, 0, false);

        Round plus(Batch batch, boolean more) {
            return new Round(encoded + batch.rows().size(), unchanged + batch.unchanged(), more);
        }
    }

    /** Catalogs that need looking at: an active model of a precomputed method, or precomputation to stop. */
    public List<Long> catalogs() {
        return call(c -> {
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement query = c.prepareStatement("""
                    SELECT c.id FROM catalog c JOIN model m ON m.catalog_id = c.id AND m.id = c.active_model_id
                     WHERE m.method = ANY (?)
                    UNION SELECT catalog_id FROM user_vector_state
                    """)) {
                query.setArray(1, c.createArrayOf("text", UserVectors.precomputedMethods().toArray()));
                try (ResultSet rs = query.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
            }
            return ids;
        });
    }

    /**
     * Brings the catalog's user vectors a step closer to current: at most {@code maxBatches} batches of the
     * full pass and of changed users. Does nothing while another worker holds the catalog.
     *
     * @return how many users were encoded or found unchanged, and whether work remains
     */
    public Round maintain(long catalogId, int maxBatches) {
        try (Connection lock = dataSource.getConnection()) {
            if (!advisoryLock(lock, "pg_try_advisory_lock", catalogId)) {
                return Round.NOTHING;
            }
            try {
                return maintainHeld(catalogId, maxBatches);
            } finally {
                advisoryLock(lock, "pg_advisory_unlock", catalogId);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("maintaining the user vectors of catalog " + catalogId + " failed", e);
        }
    }

    private Round maintainHeld(long catalogId, int maxBatches) {
        Target target = target(catalogId);
        if (target.modelId() == null || !UserVectors.precomputed(target.method())) {
            stop(catalogId);
            return Round.NOTHING;
        }
        State state = state(catalogId, target);
        LoadedModel model = model(catalogId, target.modelId());
        Round round = Round.NOTHING;
        int batches = 0;
        String after = state.resumeAfter();
        while (!state.complete() && batches < maxBatches) {
            List<String> users = nextUsers(catalogId, after == null ? "" : after);
            if (users.isEmpty()) {
                run(c -> update(c, "UPDATE user_vector_state SET resume_after = NULL, completed_at = now(), "
                        + "updated_at = now() WHERE catalog_id = ? AND model_id = ?", catalogId, target.modelId()));
                state = state.completed();
                break;
            }
            Batch batch = compute(catalogId, model, target.historyLength(), users);
            String last = users.get(users.size() - 1);
            run(c -> {
                UserVectors.upsert(c, catalogId, target.modelId(), batch.rows());
                update(c, "UPDATE user_vector_state SET resume_after = ?, updated_at = now() "
                        + "WHERE catalog_id = ? AND model_id = ?", last, catalogId, target.modelId());
            });
            after = last;
            round = round.plus(batch, true);
            batches++;
        }
        long afterMark = 0;
        while (state.complete() && batches < maxBatches) {
            Map<String, Long> marks = dirty(catalogId, afterMark);
            if (marks.isEmpty()) {
                return new Round(round.encoded(), round.unchanged(), false);
            }
            Batch batch = compute(catalogId, model, target.historyLength(), List.copyOf(marks.keySet()));
            run(c -> {
                UserVectors.upsert(c, catalogId, target.modelId(), batch.rows());
                clearMarks(c, catalogId, marks);
            });
            afterMark = marks.values().stream().mapToLong(Long::longValue).max().orElseThrow();
            round = round.plus(batch, true);
            batches++;
        }
        return new Round(round.encoded(), round.unchanged(), true);
    }

    /** The catalog's active model, its method and history length, as serving sees them now. */
    private Target target(long catalogId) {
        return call(c -> {
            try (PreparedStatement query = c.prepareStatement(TARGET)) {
                query.setLong(1, catalogId);
                try (ResultSet rs = query.executeQuery()) {
                    if (!rs.next()) {
                        return new Target(null, null, 0);
                    }
                    CatalogSettings settings = JSON.readValue(rs.getString(1), CatalogSettings.class);
                    return new Target(rs.getObject(2, Long.class), rs.getString(3), settings.historyLengthOrDefault());
                }
            }
        });
    }

    /**
     * The catalog's state row, (re)started for the target when it is missing or was for another model or
     * history length: a new full pass (which skips users whose stored vector still matches).
     */
    private State state(long catalogId, Target target) {
        return call(c -> {
            try (PreparedStatement query = c.prepareStatement("SELECT model_id, history_length, resume_after, "
                    + "completed_at IS NOT NULL FROM user_vector_state WHERE catalog_id = ? FOR UPDATE")) {
                query.setLong(1, catalogId);
                try (ResultSet rs = query.executeQuery()) {
                    if (rs.next() && Long.valueOf(target.modelId()).equals(rs.getObject(1, Long.class))
                            && rs.getInt(2) == target.historyLength()) {
                        return new State(rs.getString(3), rs.getBoolean(4));
                    }
                }
            }
            // Waits for event writes in flight: every later one sees the state row and marks its users,
            // every earlier one is committed before the full pass reads histories.
            update(c, "LOCK TABLE event IN SHARE MODE");
            update(c, """
                    INSERT INTO user_vector_state (catalog_id, model_id, history_length) VALUES (?, ?, ?)
                    ON CONFLICT (catalog_id) DO UPDATE SET model_id = EXCLUDED.model_id,
                        history_length = EXCLUDED.history_length, resume_after = NULL, completed_at = NULL,
                        updated_at = now()
                    """, catalogId, target.modelId(), target.historyLength());
            return new State(null, false);
        });
    }

    /** The catalog no longer serves a precomputed model: nothing to keep current, and event writes stop marking. */
    private void stop(long catalogId) {
        models.remove(catalogId);
        run(c -> {
            update(c, "DELETE FROM user_vector_state WHERE catalog_id = ?", catalogId);
            update(c, "DELETE FROM user_vector_dirty WHERE catalog_id = ?", catalogId);
        });
    }

    private LoadedModel model(long catalogId, long modelId) {
        LoadedModel loaded = models.get(catalogId);
        if (loaded != null && loaded.id() == modelId) {
            return loaded;
        }
        LoadedModel fresh = call(c -> {
            PublishedModel model = PublishedModel.find(c, modelId)
                    .orElseThrow(() -> new IllegalStateException("model " + modelId + " is gone"));
            Map<Long, float[]> vectors = new HashMap<>(model.itemCount() * 4 / 3 + 1);
            model.readVectors(c, (itemId, externalId, vector) -> vectors.put(itemId, vector));
            return new LoadedModel(modelId, model.encoder(c, artifacts), vectors);
        });
        models.put(catalogId, fresh);
        return fresh;
    }

    private List<String> nextUsers(long catalogId, String after) {
        return call(c -> {
            List<String> users = new ArrayList<>();
            try (PreparedStatement query = c.prepareStatement(NEXT_USERS)) {
                query.setLong(1, catalogId);
                query.setString(2, after);
                query.setInt(3, config.batchSize());
                try (ResultSet rs = query.executeQuery()) {
                    while (rs.next()) {
                        users.add(rs.getString(1));
                    }
                }
            }
            return users;
        });
    }

    /** The next batch of users marked changed, by mark, with the mark each was read at. */
    private Map<String, Long> dirty(long catalogId, long afterMark) {
        return call(c -> {
            Map<String, Long> marks = new LinkedHashMap<>();
            try (PreparedStatement query = c.prepareStatement("SELECT user_id, mark FROM user_vector_dirty "
                    + "WHERE catalog_id = ? AND mark > ? ORDER BY mark LIMIT ?")) {
                query.setLong(1, catalogId);
                query.setLong(2, afterMark);
                query.setInt(3, config.batchSize());
                try (ResultSet rs = query.executeQuery()) {
                    while (rs.next()) {
                        marks.put(rs.getString(1), rs.getLong(2));
                    }
                }
            }
            return marks;
        });
    }

    /** Deletes the marks handled; a user marked again since (new events while encoding) stays marked. */
    private static void clearMarks(Connection c, long catalogId, Map<String, Long> marks) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM user_vector_dirty d USING "
                + "unnest(?::text[], ?::bigint[]) AS handled (user_id, mark) "
                + "WHERE d.catalog_id = ? AND d.user_id = handled.user_id AND d.mark = handled.mark")) {
            delete.setArray(1, c.createArrayOf("text", marks.keySet().toArray()));
            delete.setArray(2, c.createArrayOf("bigint", marks.values().toArray()));
            delete.setLong(3, catalogId);
            delete.executeUpdate();
        }
    }

    /**
     * Reads the users' histories as serving would, and encodes those whose stored vector was computed
     * from another history (or who have none). Users none of whose items the model knows get no vector:
     * serving answers them with the popularity ranking.
     */
    private Batch compute(long catalogId, LoadedModel model, int historyLength, List<String> users) {
        Map<String, List<Long>> histories = new LinkedHashMap<>();
        Map<String, byte[]> stored = call(c -> {
            try (PreparedStatement query = c.prepareStatement(HISTORIES)) {
                query.setLong(1, catalogId);
                query.setArray(2, c.createArrayOf("text", users.toArray()));
                query.setInt(3, historyLength);
                try (ResultSet rs = query.executeQuery()) {
                    while (rs.next()) {
                        long item = rs.getLong(2);
                        if (model.vectors().containsKey(item)) {
                            histories.computeIfAbsent(rs.getString(1), u -> new ArrayList<>()).add(item);
                        }
                    }
                }
            }
            return UserVectors.fingerprints(c, catalogId, model.id(), histories.keySet());
        });
        List<Future<UserVectors.Row>> encoding = new ArrayList<>();
        int unchanged = 0;
        for (Map.Entry<String, List<Long>> history : histories.entrySet()) {
            long[] itemIds = history.getValue().stream().mapToLong(Long::longValue).toArray();
            byte[] hash = UserVectors.fingerprint(itemIds);
            if (Arrays.equals(hash, stored.get(history.getKey()))) {
                unchanged++;
            } else {
                encoding.add(encoders.submit(() -> model.encode(history.getKey(), itemIds, hash)));
            }
        }
        List<UserVectors.Row> rows = new ArrayList<>(encoding.size());
        for (Future<UserVectors.Row> row : encoding) {
            try {
                UserVectors.Row encoded = row.get();
                if (encoded != null) {
                    rows.add(encoded);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while encoding user histories", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("encoding a user history failed", e.getCause());
            }
        }
        return new Batch(rows, unchanged);
    }

    private static boolean advisoryLock(Connection c, String function, long catalogId) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement("SELECT " + function + "(?)")) {
            lock.setLong(1, catalogId);
            try (ResultSet rs = lock.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static void update(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement update = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                update.setObject(i + 1, values[i]);
            }
            update.executeUpdate();
        }
    }

    private <T> T call(SqlWork<T> work) {
        return QuarkusTransaction.requiringNew().call(() -> {
            try (Connection c = dataSource.getConnection()) {
                return work.run(c);
            }
        });
    }

    private void run(SqlStep step) {
        call(c -> {
            step.run(c);
            return null;
        });
    }

    /** What serving of the catalog uses now. */
    private record Target(Long modelId, String method, int historyLength) {
    }

    private record State(String resumeAfter, boolean complete) {

        State completed() {
            return new State(null, true);
        }
    }

    /** A model's encoder and item vectors by internal item id, as serving holds them. */
    private record LoadedModel(long id, SequenceEncoder encoder, Map<Long, float[]> vectors) {

        /** Null when the encoder finds nothing to encode (no item of the history has what it reads). */
        UserVectors.Row encode(String userId, long[] itemIds, byte[] hash) {
            List<float[]> history = Arrays.stream(itemIds).mapToObj(vectors::get).toList();
            try {
                return new UserVectors.Row(userId, hash, encoder.encode(itemIds, history));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }

    /** A batch's vectors to write, and how many of its users already had a current one. */
    private record Batch(List<UserVectors.Row> rows, int unchanged) {
    }

    @FunctionalInterface
    private interface SqlWork<T> {
        T run(Connection connection) throws SQLException, IOException;
    }

    @FunctionalInterface
    private interface SqlStep {
        void run(Connection connection) throws SQLException, IOException;
    }
}
