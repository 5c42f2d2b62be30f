package io.semrec.worker;

import io.semrec.model.ItemVector;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import javax.sql.DataSource;

/** Test data written straight to the database: catalogs, jobs as the app enqueues them, models as a publisher writes them. */
public final class TestDb {

    public static final int ITEMS = 3;

    private final DataSource dataSource;

    public TestDb(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A fresh catalog no other test uses, with {@link #ITEMS} items; returns its id. */
    public long catalog() {
        String slug = "w-" + UUID.randomUUID().toString().substring(0, 12);
        long id = queryLong("INSERT INTO catalog (slug, name) VALUES (?, ?) RETURNING id", slug, slug);
        update("INSERT INTO item (catalog_id, external_id) SELECT ?, 'item-' || n FROM generate_series(1, ?) n", id, ITEMS);
        return id;
    }

    /** A small vector for each of the catalog's items, as a trainer would publish them. */
    public static Iterator<ItemVector> itemVectors(Connection c, long catalogId) throws SQLException {
        List<ItemVector> vectors = new ArrayList<>();
        try (PreparedStatement select = prepare(c, "SELECT id FROM item WHERE catalog_id = ? ORDER BY id", catalogId);
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                long item = rows.getLong(1);
                vectors.add(new ItemVector(item, new float[] {1, item % 7, 0.5f, -1}));
            }
        }
        return vectors.iterator();
    }

    public long job(long catalogId, String method, String paramsJson) {
        return job(catalogId, method, paramsJson, "never", 3);
    }

    public long job(long catalogId, String method, String paramsJson, String activate, int maxAttempts) {
        return queryLong("INSERT INTO training_job (catalog_id, method, params, activate, max_attempts) "
                + "VALUES (?, ?, ?::jsonb, ?, ?) RETURNING id", catalogId, method, paramsJson, activate, maxAttempts);
    }

    /** A model row with {@code ndcg@10 = score}, written on the publishing transaction's connection. */
    public static long model(Connection c, long catalogId, Long jobId, double score) throws SQLException {
        try (PreparedStatement insert = prepare(c, "INSERT INTO model (catalog_id, job_id, method, dim, metric, "
                + "item_count, metrics) VALUES (?, ?, 'test', 4, 'cosine', 0, jsonb_build_object('ndcg@10', ?::float8)) "
                + "RETURNING id", catalogId, jobId, score); ResultSet row = insert.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    public Map<String, Object> jobRow(long jobId) {
        return row("SELECT status, attempts, lease_owner, error, model_id, cancel_requested, progress::text AS progress, "
                + "started_at, finished_at FROM training_job WHERE id = ?", jobId);
    }

    /** Polls the job's row until {@code condition} holds; fails after {@code within}. */
    public Map<String, Object> awaitJob(long jobId, Duration within, Predicate<Map<String, Object>> condition) {
        await(within, () -> condition.test(jobRow(jobId)), () -> "job " + jobId + ": " + jobRow(jobId));
        return jobRow(jobId);
    }

    /** Polls until {@code condition} holds; fails after {@code within}, describing what was seen. */
    public static void await(Duration within, BooleanSupplier condition, Supplier<String> seen) {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached within " + within + "; " + seen.get());
            }
            sleep(Duration.ofMillis(50));
        }
    }

    public static Predicate<Map<String, Object>> status(String status) {
        return row -> status.equals(row.get("status"));
    }

    public void update(String sql, Object... values) {
        try (Connection c = dataSource.getConnection(); PreparedStatement statement = prepare(c, sql, values)) {
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public long queryLong(String sql, Object... values) {
        Object value = row(sql, values).values().iterator().next();
        return ((Number) value).longValue();
    }

    /** The first row of the query, column name to value; empty when there is none. */
    public Map<String, Object> row(String sql, Object... values) {
        try (Connection c = dataSource.getConnection(); PreparedStatement statement = prepare(c, sql, values);
                ResultSet rows = statement.executeQuery()) {
            Map<String, Object> row = new LinkedHashMap<>();
            if (rows.next()) {
                ResultSetMetaData meta = rows.getMetaData();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.put(meta.getColumnLabel(i), rows.getObject(i));
                }
            }
            return row;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... values) throws SQLException {
        PreparedStatement statement = c.prepareStatement(sql);
        for (int i = 0; i < values.length; i++) {
            statement.setObject(i + 1, values[i]);
        }
        return statement;
    }
}
