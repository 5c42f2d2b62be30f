package io.semrec.serving;

import static io.semrec.support.Api.admin;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.semrec.artifact.ArtifactStore;
import io.semrec.encoder.GruWeights;
import io.semrec.encoder.OutputBiasEncoder;
import io.semrec.encoder.RecencyWeightedMeanEncoder;
import io.semrec.encoder.SaidGruEncoder;
import io.semrec.encoder.SasrecEncoder;
import io.semrec.encoder.SasrecWeights;
import io.semrec.encoder.SequenceEncoder;
import io.semrec.model.ItemVector;
import io.semrec.model.ModelDraft;
import io.semrec.model.ModelPublisher;
import io.semrec.model.ScoreMetric;
import io.semrec.support.Api;
import io.semrec.support.Fixtures;
import io.semrec.support.Vectors;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Serving encodes a history with the encoder of the active model's method, built from what the model stored. */
@QuarkusTest
class ServingEncoderTest {

    private static final int ITEMS = 30;
    private static final List<String> HISTORY = List.of("i3", "i17", "i8", "i21");

    @Inject
    ArtifactStore artifacts;

    @Test
    void textKnnQueriesWithTheRecencyWeightedMeanOfItsDecay() throws Exception {
        Published model = publish("text-knn", ScoreMetric.COSINE, Map.of("decay", 0.2), 16, null);
        assertServedWith(model, new RecencyWeightedMeanEncoder(0.2));
    }

    @Test
    void popularityServesTheLargestCountsWhateverTheHistory() throws Exception {
        Published model = publish("popularity", ScoreMetric.DOT, Map.of(), 1, null);
        for (List<String> history : List.of(HISTORY, List.of("i0"))) {
            List<String> byCount = model.vectors.keySet().stream().filter(id -> !history.contains(id))
                    .sorted(Comparator.comparingDouble((String id) -> -model.vectors.get(id)[0])).limit(5).toList();
            assertEquals(byCount, recommend(model.catalog, history, 5), () -> "history " + history);
        }
    }

    @Test
    void sasrecQueriesWithTheEncoderStoredAsTheModelsArtifact() throws Exception {
        SasrecWeights weights = randomSasrec(new SplittableRandom(11), 8, 2, 6);
        Published model = publish("sasrec", ScoreMetric.DOT, Map.of(), 8, weights.toSafeTensors().toBytes());
        assertServedWith(model, new SasrecEncoder(weights));
    }

    @Test
    void saidGruWithOutputBiasQueriesWithItsEncoderAndAConstantBiasComponent() throws Exception {
        SplittableRandom random = new SplittableRandom(12);
        GruWeights weights = new GruWeights(8, 6, gruDense(random), gruDense(random));
        Published model = publish("said", ScoreMetric.DOT, Map.of("downstream", "gru", "outputBias", true), 9,
                weights.toSafeTensors().toBytes());
        assertServedWith(model, new OutputBiasEncoder(new SaidGruEncoder(weights)));
    }

    @Test
    void saidTransformerQueriesWithTheSasrecForward() throws Exception {
        SasrecWeights weights = randomSasrec(new SplittableRandom(13), 8, 1, 6);
        Published model = publish("said", ScoreMetric.DOT, Map.of("outputBias", false), 8,
                weights.toSafeTensors().toBytes());
        assertServedWith(model, new SasrecEncoder(weights));
    }

    private record Published(String catalog, long modelId, ScoreMetric metric, Map<String, float[]> vectors) {
    }

    private void assertServedWith(Published model, SequenceEncoder encoder) {
        float[] query = encoder.encode(HISTORY.stream().map(model.vectors::get).toList());
        ServingFixture exact = new ServingFixture(model.catalog, model.modelId, model.metric, model.vectors);
        assertEquals(exact.exactTop(query, Set.copyOf(HISTORY), 5), recommend(model.catalog, HISTORY, 5));
    }

    private static List<String> recommend(String catalog, List<String> history, int k) {
        return admin().contentType(ContentType.JSON).body(Map.of("history", history, "k", k))
                .post("/api/v1/catalogs/" + catalog + "/recommendations").then().statusCode(200)
                .extract().jsonPath().getList("items.itemId", String.class);
    }

    /** Publishes random vectors (and the encoder artifact, for learned encoders) as the worker would, and activates them. */
    private Published publish(String method, ScoreMetric metric, Map<String, Object> params, int dim,
            byte[] encoder) throws Exception {
        String catalog = Api.createCatalog("enc");
        List<String> ids = ServingFixture.itemIds(ITEMS);
        Fixtures.items(catalog, ids);
        Map<String, float[]> vectors = Vectors.random(ids, dim, 7);
        long catalogId = Fixtures.catalogId(catalog);
        List<ItemVector> rows = new ArrayList<>();
        for (String id : ids) {
            rows.add(new ItemVector(((Number) Fixtures.scalar("SELECT id FROM item WHERE catalog_id = ? AND external_id = ?",
                    catalogId, id)).longValue(), vectors.get(id)));
        }
        long modelId;
        try (Connection c = Fixtures.dataSource().getConnection()) {
            c.setAutoCommit(false);
            modelId = new ModelPublisher("64MB").publish(c, new ModelDraft(catalogId, null, method, metric, params,
                    Map.of()), rows.iterator());
            if (encoder != null) {
                artifacts.put(c, catalogId, modelId, SasrecEncoder.ARTIFACT, encoder);
            }
            c.commit();
        }
        Vectors.activate(catalog, modelId);
        return new Published(catalog, modelId, metric, vectors);
    }

    /** A one-to-two-layer SASRec with small random weights; what it computes is checked in core. */
    private static SasrecWeights randomSasrec(SplittableRandom random, int dim, int layers, int maxHistory) {
        List<SasrecWeights.Layer> blocks = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            blocks.add(new SasrecWeights.Layer(norm(random, dim), dense(random, dim), dense(random, dim),
                    dense(random, dim), dense(random, dim), norm(random, dim), dense(random, dim), dense(random, dim)));
        }
        return new SasrecWeights(dim, 2, maxHistory, (float) Math.sqrt(dim), 1e-5f, gaussian(random, maxHistory * dim),
                blocks, norm(random, dim));
    }

    private static SasrecWeights.Norm norm(SplittableRandom random, int dim) {
        return new SasrecWeights.Norm(gaussian(random, dim), gaussian(random, dim));
    }

    private static SasrecWeights.Dense dense(SplittableRandom random, int dim) {
        return new SasrecWeights.Dense(gaussian(random, dim * dim), gaussian(random, dim), dim, dim);
    }

    private static SasrecWeights.Dense gruDense(SplittableRandom random) {
        return new SasrecWeights.Dense(gaussian(random, 3 * 8 * 8), gaussian(random, 3 * 8), 3 * 8, 8);
    }

    private static float[] gaussian(SplittableRandom random, int length) {
        float[] values = new float[length];
        for (int i = 0; i < length; i++) {
            values[i] = (float) random.nextGaussian() * 0.3f;
        }
        return values;
    }
}
