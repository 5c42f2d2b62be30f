package io.semrec.training.said;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.semrec.artifact.ArtifactStore;
import io.semrec.artifact.SafeTensors;
import io.semrec.encoder.SequenceEncoder;
import io.semrec.evaluation.EvaluationOptions;
import io.semrec.evaluation.FullRankingEvaluator;
import io.semrec.evaluation.ItemVectorScorer;
import io.semrec.evaluation.RankingMetrics;
import io.semrec.model.PublishedModel;
import io.semrec.model.ScoreMetric;
import io.semrec.training.data.EventSnapshotReader;
import io.semrec.training.data.InteractionDataset;
import io.semrec.training.data.LeaveOneOutSplit;
import io.semrec.training.spec.SaidParameters;
import io.semrec.worker.TestDb;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * SAID through the worker's job path with a tiny LM: train, evaluate and publish (vectors and
 * artifacts that serving's encoder reproduces the test metrics with), then a cold-start refresh that
 * keeps every published vector and adds the new items'.
 */
@QuarkusTest
class SaidJobTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WITHIN = Duration.ofSeconds(180);
    private static final String[][] ITEMS = {
            {"red apple", "fruit"}, {"green apple", "fruit"}, {"ripe banana", "fruit"}, {"orange juice", "drink"},
            {"steel hammer", "tools"}, {"claw hammer", "tools"}, {"steel wrench", "tools"}, {"socket wrench", "tools"},
    };
    private static final String[][] NEW_ITEMS = {{"blue pen", "office"}, {"black pencil", "office"}};
    private static final int[][] HISTORIES = {
            {0, 1, 2, 3}, {1, 0, 2}, {2, 3, 0, 1}, {0, 2, 3}, {3, 1, 0, 2}, {1, 2, 3},
            {4, 5, 6}, {5, 6, 7, 4}, {6, 4, 5}, {4, 7, 6, 5}, {7, 5, 4}, {0, 4, 7, 6},
    };

    @Inject
    DataSource dataSource;

    @Inject
    ArtifactStore artifacts;

    @ParameterizedTest
    @CsvSource({"transformer, true", "gru, false"})
    void trainsPublishesAndRefreshes(String downstream, boolean outputBias) throws Exception {
        TestDb db = new TestDb(dataSource);
        String slug = "said-" + UUID.randomUUID().toString().substring(0, 12);
        long catalog = db.queryLong("INSERT INTO catalog (slug, name) VALUES (?, ?) RETURNING id", slug, slug);
        addItems(db, catalog, ITEMS, 0);
        for (int u = 0; u < HISTORIES.length; u++) {
            for (int t = 0; t < HISTORIES[u].length; t++) {
                db.update("INSERT INTO event (catalog_id, user_id, item_id, seq) SELECT ?, ?, id, ? FROM item "
                        + "WHERE catalog_id = ? AND external_id = ?", catalog, "u" + u, (long) t, catalog,
                        "item-" + HISTORIES[u][t]);
            }
        }
        String params = String.format(Locale.ROOT, "{\"lm\": \"%s\", \"softTokens\": 2, \"idDim\": 8, "
                + "\"projectorHidden\": [\"16\"], \"stage1Epochs\": 3, \"stage1BatchSize\": 4, \"tokenBudget\": 12, "
                + "\"recoveryTokens\": 2, \"downstream\": \"%s\", \"outputBias\": %s, \"dim\": 8, \"layers\": 1, "
                + "\"heads\": 1, \"dropout\": 0, \"batchSize\": 4, \"lr\": 0.01, \"maxEpochs\": 2, \"patience\": 1, "
                + "\"maxHistory\": 5, \"refit\": false, \"threads\": 1}", TinySaidLanguageModels.ID, downstream,
                outputBias);
        long job = db.job(catalog, SaidParameters.METHOD, params, "always", 1);
        long model = succeededModel(db, job);

        int width = outputBias ? 9 : 8;
        assertEquals(Map.of("method", "said", "metric", "dot", "dim", width),
                db.row("SELECT method, metric, dim FROM model WHERE id = ?", model));
        JsonNode metrics = JSON.readTree((String) db.row("SELECT metrics::text AS m FROM model WHERE id = ?", model)
                .get("m"));
        for (String name : List.of(SaidMethod.STAGE1_SECONDS, SaidMethod.STAGE2_SECONDS, SaidMethod.RECOVERY,
                SaidMethod.STAGE1_PERPLEXITY)) {
            assertTrue(metrics.has(name), name + " in " + metrics);
        }
        assertEquals(TinySaidLanguageModels.ID, metrics.get(SaidMethod.LM_ID).asText());
        InteractionDataset dataset = new EventSnapshotReader(dataSource).read(catalog);
        PublishedModel published;
        SequenceEncoder encoder;
        Map<String, float[]> before = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection()) {
            published = PublishedModel.find(c, model).orElseThrow();
            encoder = published.encoder(c, artifacts);
            published.readVectors(c, (itemId, externalId, vector) -> before.put(externalId, vector));
            SafeTensors embeddings = SafeTensors.read(artifacts.get(c, model, SaidMethod.EMBEDDINGS_ARTIFACT)
                    .orElseThrow());
            assertEquals(List.of((long) ITEMS.length, 2L * TinyLm.WIDTH),
                    List.of(embeddings.require("item_vectors").shape()[0], embeddings.require("item_vectors").shape()[1]));
        }
        float[][] vectors = new float[ITEMS.length][];
        for (int i = 0; i < ITEMS.length; i++) {
            vectors[dataset.items().indexOfExternalId("item-" + i)] = before.get("item-" + i);
        }
        RankingMetrics served = new FullRankingEvaluator(ITEMS.length, EvaluationOptions.DEFAULTS.withHistoryWindow(5))
                .evaluate(new ItemVectorScorer(vectors, encoder, ScoreMetric.DOT), LeaveOneOutSplit.of(dataset).test());
        assertEquals(served.ndcgAt10(), metrics.get("test").get("ndcg@10").asDouble(), 1e-6);

        addItems(db, catalog, NEW_ITEMS, ITEMS.length);
        long refreshJob = db.queryLong("INSERT INTO training_job (catalog_id, method, kind, base_model_id, params, "
                + "activate, max_attempts) VALUES (?, ?, 'refresh', ?, '{}'::jsonb, 'always', 1) RETURNING id",
                catalog, SaidParameters.METHOD, model);
        long refreshed = succeededModel(db, refreshJob);

        Map<String, float[]> after = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection()) {
            PublishedModel refreshedModel = PublishedModel.find(c, refreshed).orElseThrow();
            refreshedModel.readVectors(c, (itemId, externalId, vector) -> after.put(externalId, vector));
            assertEquals(ITEMS.length + NEW_ITEMS.length, after.size());
            before.forEach((item, vector) -> assertArrayEquals(vector, after.get(item), item));
            SequenceEncoder refreshedEncoder = refreshedModel.encoder(c, artifacts);
            float[] query = refreshedEncoder.encode(List.of(after.get("item-1"), after.get("item-" + ITEMS.length)));
            assertEquals(width, query.length);
            assertArrayEquals(encoder.encode(List.of(after.get("item-1"))),
                    refreshedEncoder.encode(List.of(after.get("item-1"))), "the downstream model is unchanged");
            assertEquals(ITEMS.length + NEW_ITEMS.length, SafeTensors.read(artifacts.get(c, refreshed,
                    SaidMethod.EMBEDDINGS_ARTIFACT).orElseThrow()).require("item_ids").shape()[0]);
        }
        for (int n = 0; n < NEW_ITEMS.length; n++) {
            float[] vector = after.get("item-" + (ITEMS.length + n));
            assertEquals(width, vector.length);
        }
        JsonNode refreshMetrics = JSON.readTree((String) db.row("SELECT metrics::text AS m FROM model WHERE id = ?",
                refreshed).get("m"));
        System.out.printf(Locale.ROOT, "SAID %s: train job %.2f s, refresh job %.2f s%n", downstream,
                jobSeconds(db, job), jobSeconds(db, refreshJob));
        assertEquals(NEW_ITEMS.length, refreshMetrics.get("refresh").get("new_items").asInt());
    }

    private static void addItems(TestDb db, long catalog, String[][] items, int firstNumber) {
        for (int i = 0; i < items.length; i++) {
            db.update("INSERT INTO item (catalog_id, external_id, attributes) VALUES (?, ?, jsonb_build_object("
                    + "'title', ?::text, 'categories', ?::text))", catalog, "item-" + (firstNumber + i), items[i][0],
                    items[i][1]);
        }
    }

    private static double jobSeconds(TestDb db, long job) {
        return ((Number) db.row("SELECT extract(epoch FROM finished_at - started_at) AS s FROM training_job "
                + "WHERE id = ?", job).get("s")).doubleValue();
    }

    private static long succeededModel(TestDb db, long job) {
        Map<String, Object> done = db.awaitJob(job, WITHIN, row -> !"queued".equals(row.get("status"))
                && !"running".equals(row.get("status")));
        assertEquals("succeeded", done.get("status"), () -> "job " + job + ": " + done);
        return ((Number) done.get("model_id")).longValue();
    }
}
