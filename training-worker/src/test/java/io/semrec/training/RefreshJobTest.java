package io.semrec.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pgvector.PGvector;
import io.quarkus.test.junit.QuarkusTest;
import io.semrec.artifact.ArtifactStore;
import io.semrec.worker.TestDb;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** A refresh job publishes its base model plus vectors for the items added since, as a new model. */
@QuarkusTest
class RefreshJobTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WITHIN = Duration.ofSeconds(30);

    @Inject
    DataSource dataSource;

    @Inject
    ArtifactStore artifacts;

    @Test
    void keepsTheBaseModelsVectorsAndAddsTheNewItems() throws Exception {
        TestDb db = new TestDb(dataSource);
        String slug = "refresh-" + UUID.randomUUID().toString().substring(0, 12);
        long catalog = db.queryLong("INSERT INTO catalog (slug, name) VALUES (?, ?) RETURNING id", slug, slug);
        addItems(db, catalog, List.of("a", "b", "c"));
        long baseJob = db.job(catalog, RefreshableTestMethod.NAME, "{\"scale\": 2}", "always", 1);
        long base = succeededModel(db, baseJob);
        Map<String, float[]> before = vectors(base);

        addItems(db, catalog, List.of("d", "e"));
        long refreshJob = db.queryLong("INSERT INTO training_job (catalog_id, method, kind, base_model_id, params, "
                + "activate, max_attempts) VALUES (?, ?, 'refresh', ?, '{\"scale\": 2}'::jsonb, 'if-better', 1) "
                + "RETURNING id", catalog, RefreshableTestMethod.NAME, base);
        long refreshed = succeededModel(db, refreshJob);

        Map<String, float[]> after = vectors(refreshed);
        assertEquals(5, after.size());
        before.forEach((item, vector) -> assertArrayEquals(vector, after.get(item), item));
        assertArrayEquals(new float[] {-1, 2}, after.get("d"));
        assertArrayEquals(new float[] {-1, 2}, after.get("e"));
        assertEquals(refreshed, db.queryLong("SELECT active_model_id FROM catalog WHERE id = ?", catalog),
                "an if-better refresh of the active model takes its place");

        JsonNode metrics = JSON.readTree((String) db.row("SELECT metrics::text AS m FROM model WHERE id = ?",
                refreshed).get("m"));
        assertEquals(base, metrics.get("refresh").get("base_model").asLong());
        assertEquals(2, metrics.get("refresh").get("new_items").asInt());
        assertEquals(5L, db.row("SELECT (data_snapshot ->> 'itemCount')::bigint AS n FROM model WHERE id = ?",
                refreshed).get("n"));
        try (Connection connection = dataSource.getConnection()) {
            assertEquals("trained", text(artifacts.get(connection, refreshed, RefreshableTestMethod.WEIGHTS).orElseThrow()),
                    "artifacts the refresh does not replace are copied");
            assertEquals("d\ne\n", text(artifacts.get(connection, refreshed, RefreshableTestMethod.NEW_ITEMS)
                    .orElseThrow()));
            assertEquals(List.of(RefreshableTestMethod.WEIGHTS), ArtifactStore.names(connection, base));
        }
    }

    @Test
    void failsWithTheReasonWhenTheBaseModelIsGone() {
        TestDb db = new TestDb(dataSource);
        String slug = "refresh-gone-" + UUID.randomUUID().toString().substring(0, 8);
        long catalog = db.queryLong("INSERT INTO catalog (slug, name) VALUES (?, ?) RETURNING id", slug, slug);
        addItems(db, catalog, List.of("a"));
        long job = db.queryLong("INSERT INTO training_job (catalog_id, method, kind, base_model_id, params, "
                + "activate, max_attempts) VALUES (?, ?, 'refresh', -1, '{}'::jsonb, 'never', 1) RETURNING id",
                catalog, RefreshableTestMethod.NAME);
        Map<String, Object> done = db.awaitJob(job, WITHIN, TestDb.status("failed"));
        assertEquals(true, done.get("error").toString().contains("base model -1 no longer exists"), done.toString());
    }

    private static void addItems(TestDb db, long catalog, List<String> ids) {
        for (String id : ids) {
            db.update("INSERT INTO item (catalog_id, external_id) VALUES (?, ?)", catalog, id);
        }
    }

    private static long succeededModel(TestDb db, long job) {
        Map<String, Object> done = db.awaitJob(job, WITHIN, row -> !"queued".equals(row.get("status"))
                && !"running".equals(row.get("status")));
        assertEquals("succeeded", done.get("status"), () -> "job " + job + ": " + done);
        return ((Number) done.get("model_id")).longValue();
    }

    private Map<String, float[]> vectors(long model) throws Exception {
        Map<String, float[]> vectors = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
                var query = connection.prepareStatement("SELECT i.external_id, v.embedding::text FROM item_vector v "
                        + "JOIN item i ON i.catalog_id = v.catalog_id AND i.id = v.item_id WHERE v.model_id = ?")) {
            query.setLong(1, model);
            try (var rows = query.executeQuery()) {
                while (rows.next()) {
                    vectors.put(rows.getString(1), new PGvector(rows.getString(2)).toArray());
                }
            }
        }
        return vectors;
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
