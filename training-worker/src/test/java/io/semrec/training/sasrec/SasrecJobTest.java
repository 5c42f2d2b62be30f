package io.semrec.training.sasrec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pgvector.PGvector;
import io.quarkus.test.junit.QuarkusTest;
import io.semrec.artifact.ArtifactStore;
import io.semrec.encoder.SasrecEncoder;
import io.semrec.evaluation.EvaluationOptions;
import io.semrec.evaluation.FullRankingEvaluator;
import io.semrec.evaluation.ItemVectorScorer;
import io.semrec.evaluation.RankingMetrics;
import io.semrec.model.Model;
import io.semrec.model.ScoreMetric;
import io.semrec.training.data.EventSnapshotReader;
import io.semrec.training.data.InteractionDataset;
import io.semrec.training.data.LeaveOneOutSplit;
import io.semrec.training.spec.SasrecParameters;
import io.semrec.worker.TestDb;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * SASRec through the job path: the encoder artifact and item vectors it publishes, read back as
 * serving reads them and scored in plain Java, reproduce the test metrics the worker measured on
 * its DJL network.
 */
@QuarkusTest
class SasrecJobTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ITEMS = 20;
    private static final int MAX_HISTORY = 5;

    @Inject
    DataSource dataSource;

    @Inject
    ArtifactStore artifacts;

    @Test
    void publishedEncoderAndVectorsReproduceTheEvaluatedRanking() throws Exception {
        TestDb db = new TestDb(dataSource);
        String slug = "sj-" + UUID.randomUUID().toString().substring(0, 12);
        long catalog = db.queryLong("INSERT INTO catalog (slug, name) VALUES (?, ?) RETURNING id", slug, slug);
        db.update("INSERT INTO item (catalog_id, external_id) SELECT ?, 'item-' || n FROM generate_series(0, ?) n",
                catalog, ITEMS - 1);
        int[][] histories = SuccessorSequences.generate(ITEMS, 30, 4, 6, 2);
        for (int u = 0; u < histories.length; u++) {
            for (int t = 0; t < histories[u].length; t++) {
                db.update("INSERT INTO event (catalog_id, user_id, item_id, seq) SELECT ?, ?, id, ? FROM item "
                        + "WHERE catalog_id = ? AND external_id = ?", catalog, "u" + u, (long) t, catalog,
                        "item-" + histories[u][t]);
            }
        }
        // No refit: the published network is the evaluated one, so its test metrics must be reproduced.
        long job = db.job(catalog, SasrecParameters.METHOD, "{\"dim\": 8, \"layers\": 1, \"heads\": 1, "
                + "\"dropout\": 0, \"batchSize\": 8, \"lr\": 0.01, \"maxEpochs\": 2, \"patience\": 1, "
                + "\"maxHistory\": " + MAX_HISTORY + ", \"refit\": false, \"threads\": 1}", "never", 1);
        Map<String, Object> done = db.awaitJob(job, Duration.ofSeconds(120), row -> !"queued".equals(row.get("status"))
                && !"running".equals(row.get("status")));
        assertEquals("succeeded", done.get("status"), () -> "job " + job + ": " + done);
        long model = ((Number) done.get("model_id")).longValue();
        JsonNode metrics = JSON.readTree((String) db.row("SELECT metrics::text AS m FROM model WHERE id = ?", model)
                .get("m"));
        assertEquals(Map.of("method", "sasrec", "metric", "dot", "dim", 8),
                db.row("SELECT method, metric, dim FROM model WHERE id = ?", model));

        InteractionDataset dataset = new EventSnapshotReader(dataSource).read(catalog);
        float[][] vectors = new float[ITEMS][];
        SasrecEncoder encoder;
        try (Connection c = dataSource.getConnection()) {
            encoder = SasrecEncoder.read(artifacts.get(c, model, SasrecEncoder.ARTIFACT).orElseThrow());
            try (PreparedStatement select = c.prepareStatement("SELECT item_id, embedding::text FROM "
                    + Model.vectorTable(model)); ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    vectors[dataset.items().indexOfInternalId(rows.getLong(1))] = new PGvector(rows.getString(2))
                            .toArray();
                }
            }
        }
        RankingMetrics served = new FullRankingEvaluator(ITEMS, EvaluationOptions.DEFAULTS
                .withHistoryWindow(MAX_HISTORY)).evaluate(new ItemVectorScorer(vectors, encoder, ScoreMetric.DOT),
                        LeaveOneOutSplit.of(dataset).test());
        assertEquals(served.ndcgAt10(), metrics.get("test").get("ndcg@10").asDouble(), 1e-6);
        assertEquals(served.mrr(), metrics.get("test").get("mrr").asDouble(), 1e-6);
        assertEquals(2, metrics.get("epochs").asInt());
    }
}
