package io.semrec.training.recformer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.semrec.artifact.ArtifactStore;
import io.semrec.artifact.SafeTensors;
import io.semrec.encoder.RecformerEncoder;
import io.semrec.encoder.RecformerItemTokens;
import io.semrec.encoder.SequenceEncoder;
import io.semrec.evaluation.ItemVectorScorer;
import io.semrec.model.PublishedModel;
import io.semrec.training.TrainingMetrics;
import io.semrec.training.spec.RecformerParameters;
import io.semrec.worker.TestDb;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Recformer through the worker's job path with a tiny encoder: a training job publishes cosine item
 * vectors and one artifact (weights and item tokens) from which the serving encoder ranks a session;
 * a refresh job then adds items created since, keeping every earlier vector, and serves them at once.
 */
@QuarkusTest
class RecformerJobTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WITHIN = Duration.ofSeconds(180);
    private static final int ITEMS = 12;

    @Inject
    DataSource dataSource;

    @Inject
    ArtifactStore artifacts;

    @Inject
    RecformerPretraining pretraining;

    @Test
    void trainsPublishesServesAndRefreshes() throws Exception {
        String warmStart = "test-tiny-" + UUID.randomUUID().toString().substring(0, 8);
        pretraining.store().put(warmStart, TinyRecformer.randomEncoder(), "a random tiny encoder for tests");
        TestDb db = new TestDb(dataSource);
        long catalog = catalogWithEvents(db, "recformer-", 0);
        Map<String, Object> params = new LinkedHashMap<>(TinyRecformer.params());
        params.put(RecformerParameters.WARM_START, warmStart);
        long job = db.job(catalog, RecformerParameters.METHOD, JSON.writeValueAsString(params), "always", 1);
        long model = succeededModel(db, job);

        assertEquals(Map.of("method", "recformer", "metric", "cosine", "dim", 16),
                db.row("SELECT method, metric, dim FROM model WHERE id = ?", model));
        JsonNode metrics = JSON.readTree((String) db.row("SELECT metrics::text AS m FROM model WHERE id = ?", model)
                .get("m"));
        assertEquals(3, metrics.get("epochs").asInt(), "two stage-1 epochs and one frozen");
        // Which epoch wins is the trainer's test; the job publishes it (0: the starting encoder).
        int bestEpoch = metrics.get(RecformerMethod.BEST_EPOCH).asInt();
        assertTrue(bestEpoch >= 0 && bestEpoch <= 3, metrics.toString());
        assertTrue(metrics.get("test").get("ndcg@10").asDouble() >= 0, metrics.toString());
        assertTrue(db.queryLong("SELECT count(*) FROM job_metric WHERE job_id = ? AND name = ?", job,
                RecformerTrainer.PRETRAIN_ITEM_ITEM_LOSS) > 0, "pre-training reports its item-item loss");
        // The curve: the starting encoder (epoch 0) and each fine-tuning epoch, on the trainer's validation users;
        // the kept epoch is its best point, and the test metrics are reported at that epoch.
        assertEquals(4, db.queryLong("SELECT count(*) FROM job_metric WHERE job_id = ? AND name = 'validation.ndcg@10'",
                job));
        assertEquals(((Number) db.row("SELECT max(value) AS v FROM job_metric WHERE job_id = ? "
                + "AND name = 'validation.ndcg@10'", job).get("v")).doubleValue(), ((Number) db.row("SELECT value "
                + "FROM job_metric WHERE job_id = ? AND name = 'validation.ndcg@10' AND step = ?", job, bestEpoch)
                .get("value")).doubleValue(), 1e-12);
        assertEquals(metrics.get("test").get("ndcg@10").asDouble(), ((Number) db.row("SELECT value FROM job_metric "
                + "WHERE job_id = ? AND name = 'test.ndcg@10' AND step = ?", job, bestEpoch).get("value"))
                .doubleValue(), 1e-9);

        Map<String, float[]> trained = vectors(model);
        assertEquals(ITEMS, trained.size());
        try (Connection c = dataSource.getConnection()) {
            SafeTensors artifact = SafeTensors.read(artifacts.get(c, model, RecformerEncoder.ARTIFACT).orElseThrow());
            assertEquals(ITEMS, RecformerItemTokens.fromSafeTensors(artifact).itemCount());
        }
        List<String> session = List.of("item-3", "item-4", "item-5");
        assertEquals(ITEMS, ranked(model, session).size(), "the served encoder ranks every item");

        addItem(db, catalog, ITEMS);
        addItem(db, catalog, ITEMS + 1);
        long refreshJob = db.queryLong("INSERT INTO training_job (catalog_id, method, kind, base_model_id, params, "
                + "activate, max_attempts) VALUES (?, ?, 'refresh', ?, '{}'::jsonb, 'never', 1) RETURNING id",
                catalog, RecformerParameters.METHOD, model);
        long refreshed = succeededModel(db, refreshJob);
        Map<String, float[]> after = vectors(refreshed);
        assertEquals(ITEMS + 2, after.size());
        trained.forEach((item, vector) -> assertArrayEquals(vector, after.get(item), item));
        try (Connection c = dataSource.getConnection()) {
            SafeTensors artifact = SafeTensors.read(artifacts.get(c, refreshed, RecformerEncoder.ARTIFACT)
                    .orElseThrow());
            assertEquals(ITEMS + 2, RecformerItemTokens.fromSafeTensors(artifact).itemCount());
        }
        String newItem = "item-" + (ITEMS + 1);
        List<String> withNew = ranked(refreshed, List.of("item-2", newItem));
        assertEquals(ITEMS + 2, withNew.size(), "a session with a new item is encoded, and new items rank");
        assertTrue(withNew.contains("item-" + ITEMS));
    }

    @Test
    void zeroShotPretrainsOnAnotherCatalogAndNeverTrainsOnItsOwn() throws Exception {
        String warmStart = "test-tiny-" + UUID.randomUUID().toString().substring(0, 8);
        pretraining.store().put(warmStart, TinyRecformer.randomEncoder(), "a random tiny encoder for tests");
        TestDb db = new TestDb(dataSource);
        long source = catalogWithEvents(db, "zs-source-", 0);
        String sourceSlug = (String) db.row("SELECT slug FROM catalog WHERE id = ?", source).get("slug");
        long target = catalogWithEvents(db, "zs-target-", 100);
        Map<String, Object> params = new LinkedHashMap<>(TinyRecformer.params());
        params.put(RecformerParameters.WARM_START, warmStart);
        params.put(RecformerParameters.PRETRAIN_DATASET, sourceSlug);
        params.put(RecformerParameters.FINETUNE_EPOCHS, 0);
        params.put(RecformerParameters.FROZEN_EPOCHS, 0);
        long job = db.job(target, RecformerParameters.METHOD, JSON.writeValueAsString(params), "never", 1);
        long model = succeededModel(db, job);

        JsonNode metrics = JSON.readTree((String) db.row("SELECT metrics::text AS m FROM model WHERE id = ?", model)
                .get("m"));
        assertEquals(0, metrics.get("epochs").asInt(), "no training on the target catalog");
        assertTrue(metrics.has("test"), metrics.toString());
        assertEquals(0L, db.queryLong("SELECT count(*) FROM job_metric WHERE job_id = ? AND name = ?", job,
                TrainingMetrics.TRAIN_LOSS));
        assertTrue(db.queryLong("SELECT count(*) FROM job_metric WHERE job_id = ? AND name = ?", job,
                RecformerTrainer.PRETRAIN_ITEM_ITEM_LOSS) > 0, "pre-trained on the source catalog");
        assertEquals(ITEMS, vectors(model).size());
    }

    /** A catalog of {@link #ITEMS} items numbered from {@code firstItem}, with successor histories. */
    private static long catalogWithEvents(TestDb db, String prefix, int firstItem) throws Exception {
        String slug = prefix + UUID.randomUUID().toString().substring(0, 8);
        long catalog = db.queryLong("INSERT INTO catalog (slug, name) VALUES (?, ?) RETURNING id", slug, slug);
        for (int i = firstItem; i < firstItem + ITEMS; i++) {
            addItem(db, catalog, i);
        }
        int[][] histories = TinyRecformer.successorHistories(ITEMS, 30, 7);
        for (int u = 0; u < histories.length; u++) {
            for (int t = 0; t < histories[u].length; t++) {
                db.update("INSERT INTO event (catalog_id, user_id, item_id, seq) SELECT ?, ?, id, ? FROM item "
                        + "WHERE catalog_id = ? AND external_id = ?", catalog, "u" + u, (long) t, catalog,
                        "item-" + (firstItem + histories[u][t]));
            }
        }
        return catalog;
    }

    private static void addItem(TestDb db, long catalog, int i) throws Exception {
        db.update("INSERT INTO item (catalog_id, external_id, attributes) VALUES (?, ?, ?::jsonb)", catalog,
                "item-" + i, JSON.writeValueAsString(TinyRecformer.item(i)));
    }

    /** Every item of the model, best first, for a session, ranked as serving ranks (its encoder, cosine). */
    private List<String> ranked(long modelId, List<String> session) throws Exception {
        List<String> ids = new ArrayList<>();
        List<Long> internalIds = new ArrayList<>();
        List<float[]> vectors = new ArrayList<>();
        SequenceEncoder encoder;
        PublishedModel model;
        try (Connection c = dataSource.getConnection()) {
            model = PublishedModel.find(c, modelId).orElseThrow();
            encoder = model.encoder(c, artifacts);
            model.readVectors(c, (itemId, externalId, vector) -> {
                ids.add(externalId);
                internalIds.add(itemId);
                vectors.add(vector);
            });
        }
        int[] history = session.stream().mapToInt(ids::indexOf).toArray();
        float[][] scores = new float[1][ids.size()];
        new ItemVectorScorer(vectors.toArray(float[][]::new), internalIds.stream().mapToLong(Long::longValue)
                .toArray(), encoder, model.metric()).score(new int[][] {history}, scores);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            order.add(i);
        }
        order.sort((a, b) -> Float.compare(scores[0][b], scores[0][a]));
        assertTrue(Float.isFinite(scores[0][order.get(0)]));
        return order.stream().map(ids::get).toList();
    }

    private static long succeededModel(TestDb db, long job) {
        Map<String, Object> done = db.awaitJob(job, WITHIN, row -> !"queued".equals(row.get("status"))
                && !"running".equals(row.get("status")));
        assertEquals("succeeded", done.get("status"), () -> "job " + job + ": " + done);
        return ((Number) done.get("model_id")).longValue();
    }

    private Map<String, float[]> vectors(long modelId) throws Exception {
        Map<String, float[]> vectors = new HashMap<>();
        try (Connection c = dataSource.getConnection()) {
            PublishedModel.find(c, modelId).orElseThrow().readVectors(c,
                    (itemId, externalId, vector) -> vectors.put(externalId, vector));
        }
        return vectors;
    }
}
