package io.semrec.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pgvector.PGvector;
import io.quarkus.test.junit.QuarkusTest;
import io.semrec.evaluation.EvaluationOptions;
import io.semrec.evaluation.RankingMetrics;
import io.semrec.training.OfflineEvaluation.Target;
import io.semrec.training.data.EventSnapshotReader;
import io.semrec.training.data.InteractionDataset;
import io.semrec.training.spec.PopularityParameters;
import io.semrec.training.spec.ResolvedParameters;
import io.semrec.training.spec.TextKnnParameters;
import io.semrec.worker.TestDb;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** popularity and text-knn trained, evaluated and published through the worker's job loop. */
@QuarkusTest
class TrainedMethodJobsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WITHIN = Duration.ofSeconds(30);
    private static final String[][] TITLES = {
            {"red apple", "fruit"}, {"green apple", "fruit"}, {"ripe banana", "fruit"}, {"orange juice", "fruit"},
            {"steel hammer", "tools"}, {"claw hammer", "tools"}, {"steel wrench", "tools"}, {"socket wrench", "tools"},
    };
    /** Users' histories (item numbers, oldest first): fruit buyers and tool buyers. */
    private static final int[][] HISTORIES = {
            {0, 1, 2, 3}, {1, 0, 2}, {2, 3, 0, 1}, {0, 2, 3},
            {4, 5, 6}, {5, 6, 7, 4}, {6, 4, 5}, {0, 4, 7, 6},
    };

    @Inject
    DataSource dataSource;

    private TestDb db;
    private long catalog;

    @BeforeEach
    void setUp() {
        db = new TestDb(dataSource);
        String slug = "tm-" + UUID.randomUUID().toString().substring(0, 12);
        catalog = db.queryLong("INSERT INTO catalog (slug, name) VALUES (?, ?) RETURNING id", slug, slug);
        for (int i = 0; i < TITLES.length; i++) {
            db.update("INSERT INTO item (catalog_id, external_id, attributes) VALUES (?, ?, jsonb_build_object("
                    + "'title', ?::text, 'categories', ?::text))", catalog, "item-" + i, TITLES[i][0], TITLES[i][1]);
        }
        for (int u = 0; u < HISTORIES.length; u++) {
            for (int t = 0; t < HISTORIES[u].length; t++) {
                db.update("INSERT INTO event (catalog_id, user_id, item_id, seq) SELECT ?, ?, id, ? FROM item "
                        + "WHERE catalog_id = ? AND external_id = ?", catalog, "user-" + u, (long) t, catalog,
                        "item-" + HISTORIES[u][t]);
            }
        }
    }

    @Test
    void popularityPublishesLogCountsAsOneWideDotVectors() throws Exception {
        long job = db.job(catalog, PopularityParameters.METHOD, "{}", "always", 1);
        long model = succeededModel(job);

        Map<String, Object> row = db.row("SELECT method, dim, metric, item_count FROM model WHERE id = ?", model);
        assertEquals(Map.of("method", "popularity", "dim", 1, "metric", "dot", "item_count", TITLES.length), row);
        int[] counts = new int[TITLES.length];
        for (int[] history : HISTORIES) {
            for (int item : history) {
                counts[item]++;
            }
        }
        for (int i = 0; i < TITLES.length; i++) {
            float[] vector = vector(model, "item-" + i);
            assertEquals(1, vector.length);
            assertEquals(Math.log1p(counts[i]), vector[0], 1e-6, "item-" + i);
        }
        assertEquals(model, db.queryLong("SELECT active_model_id FROM catalog WHERE id = ?", catalog));
        assertRecordedAsEvaluated(job, model, PopularityParameters.SPEC.resolve(Map.of()), true);
    }

    @Test
    void textKnnPublishesUnitCosineVectorsAndItsDecay() throws Exception {
        long job = db.job(catalog, TextKnnParameters.METHOD,
                "{\"dim\": 8, \"decay\": 0.5, \"maskSeen\": false}", "never", 1);
        long model = succeededModel(job);

        Map<String, Object> row = db.row("SELECT method, metric, params ->> 'decay' AS decay FROM model WHERE id = ?",
                model);
        assertEquals(Map.of("method", "text-knn", "metric", "cosine", "decay", "0.5"), row);
        for (int i = 0; i < TITLES.length; i++) {
            double norm = 0;
            for (float x : vector(model, "item-" + i)) {
                norm += x * x;
            }
            assertEquals(1, norm, 1e-4, "item-" + i);
        }
        assertRecordedAsEvaluated(job, model,
                TextKnnParameters.SPEC.resolve(Map.of("dim", 8, "decay", 0.5, "maskSeen", false)), false);
    }

    @Test
    void ifBetterScoresTheActiveModelOnTheNewJobsValidationSplit() throws Exception {
        String textKnnParams = "{\"dim\": 8, \"maskSeen\": true}";
        long textKnn = succeededModel(db.job(catalog, TextKnnParameters.METHOD, textKnnParams, "always", 1));
        long popularity = succeededModel(db.job(catalog, PopularityParameters.METHOD, "{\"maskSeen\": true}",
                "if-better", 1));

        InteractionDataset dataset = new EventSnapshotReader(dataSource).read(catalog);
        RankingMetrics activeOnSplit = OfflineEvaluation.evaluate(dataset,
                TextKnnParameters.SPEC.resolve(JSON.readValue(textKnnParams, Map.class)),
                EvaluationOptions.DEFAULTS.withMaskSeen(true), Target.VALIDATION);
        JsonNode metrics = JSON.readTree((String) db.row("SELECT metrics::text AS m FROM model WHERE id = ?",
                popularity).get("m"));
        assertEquals(textKnn, metrics.get("baseline").get("model").asLong());
        assertEquals(activeOnSplit.ndcgAt10(), metrics.get("baseline").get("validation").get("ndcg@10").asDouble(),
                1e-6);
        double challenger = metrics.get("ndcg@10").asDouble();
        assertEquals(challenger > activeOnSplit.ndcgAt10() ? popularity : textKnn,
                db.queryLong("SELECT active_model_id FROM catalog WHERE id = ?", catalog));
    }

    private long succeededModel(long job) {
        Map<String, Object> done = db.awaitJob(job, WITHIN, row -> !"queued".equals(row.get("status"))
                && !"running".equals(row.get("status")));
        assertEquals("succeeded", done.get("status"), () -> "job " + job + ": " + done);
        return ((Number) done.get("model_id")).longValue();
    }

    /** Metrics on the model and the job equal an independent evaluation of the same method on the same data. */
    private void assertRecordedAsEvaluated(long job, long model, ResolvedParameters params, boolean maskSeen)
            throws Exception {
        InteractionDataset dataset = new EventSnapshotReader(dataSource).read(catalog);
        EvaluationOptions options = EvaluationOptions.DEFAULTS.withMaskSeen(maskSeen);
        RankingMetrics validation = OfflineEvaluation.evaluate(dataset, params, options, Target.VALIDATION);
        RankingMetrics test = OfflineEvaluation.evaluate(dataset, params, options, Target.TEST);

        JsonNode metrics = JSON.readTree((String) db.row("SELECT metrics::text AS m FROM model WHERE id = ?", model)
                .get("m"));
        assertEquals(validation.ndcgAt10(), metrics.get("ndcg@10").asDouble(), 1e-9, "activation metric");
        assertEquals(validation.mrr(), metrics.get("validation").get("mrr").asDouble(), 1e-9);
        assertEquals(test.ndcgAt10(), metrics.get("test").get("ndcg@10").asDouble(), 1e-9);
        assertEquals(test.recallAt10(), metrics.get("test").get("recall@10").asDouble(), 1e-9);
        assertEquals(maskSeen, metrics.get("mask_seen").asBoolean());
        assertTrue(metrics.get("train_s").asDouble() >= 0);
        assertNotEquals(0, test.users());

        JsonNode snapshot = JSON.readTree((String) db.row("SELECT data_snapshot::text AS s FROM model WHERE id = ?",
                model).get("s"));
        assertEquals(dataset.snapshot().eventCount(), snapshot.get("eventCount").asLong());
        assertEquals(HISTORIES.length, snapshot.get("userCount").asInt());
        assertEquals(test.ndcgAt10(), ((Number) db.row("SELECT value FROM job_metric WHERE job_id = ? "
                + "AND name = 'test.ndcg@10'", job).get("value")).doubleValue(), 1e-9);
    }

    private float[] vector(long model, String externalId) throws SQLException {
        String text = (String) db.row("SELECT v.embedding::text AS e FROM item_vector v JOIN item i "
                + "ON i.catalog_id = v.catalog_id AND i.id = v.item_id WHERE v.model_id = ? AND i.external_id = ?",
                model, externalId).get("e");
        return new PGvector(text).toArray();
    }
}
