package io.semrec.serving;

import static io.semrec.support.Api.admin;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.semrec.artifact.ArtifactStore;
import io.semrec.artifact.SafeTensors;
import io.semrec.artifact.Tensor;
import io.semrec.encoder.GruWeights;
import io.semrec.encoder.OutputBiasEncoder;
import io.semrec.encoder.RecencyWeightedMeanEncoder;
import io.semrec.encoder.RecformerArchitecture;
import io.semrec.encoder.RecformerEncoder;
import io.semrec.encoder.RecformerItemTokens;
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
import io.semrec.support.WorkerWrites;
import io.semrec.uservector.UserVectors;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Serving encodes a history with the encoder of the active model's method, built from what the model stored; for a
 * known user of a model with precomputed vectors, their stored vector while it matches their current history.
 */
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
        Published model = publish("sasrec", ScoreMetric.DOT, Map.of(), 8,
                ids -> Map.entry(SasrecEncoder.ARTIFACT, weights.toSafeTensors().toBytes()));
        assertServedWith(model, new SasrecEncoder(weights));
    }

    @Test
    void saidGruWithOutputBiasQueriesWithItsEncoderAndAConstantBiasComponent() throws Exception {
        SplittableRandom random = new SplittableRandom(12);
        GruWeights weights = new GruWeights(8, 6, gruDense(random), gruDense(random));
        Published model = publish("said", ScoreMetric.DOT, Map.of("downstream", "gru", "outputBias", true), 9,
                ids -> Map.entry(SaidGruEncoder.ARTIFACT, weights.toSafeTensors().toBytes()));
        assertServedWith(model, new OutputBiasEncoder(new SaidGruEncoder(weights)));
    }

    @Test
    void saidTransformerQueriesWithTheSasrecForward() throws Exception {
        SasrecWeights weights = randomSasrec(new SplittableRandom(13), 8, 1, 6);
        Published model = publish("said", ScoreMetric.DOT, Map.of("outputBias", false), 8,
                ids -> Map.entry(SasrecEncoder.ARTIFACT, weights.toSafeTensors().toBytes()));
        assertServedWith(model, new SasrecEncoder(weights));
    }

    @Test
    void recformerEncodesTheSessionsItemsFromTheirStoredTokens() throws Exception {
        PublishedRecformer recformer = publishRecformer();
        Published model = recformer.model;
        ServingFixture exact = new ServingFixture(model.catalog, model.modelId, model.metric, model.vectors);
        assertEquals(exact.exactTop(recformer.encode(HISTORY), Set.copyOf(HISTORY), 5),
                recommend(model.catalog, HISTORY, 5));
    }

    @Test
    void aKnownUsersPrecomputedVectorIsUsedWhileItMatchesTheirHistory() throws Exception {
        Published model = recformerWithHistories("u1").model;
        // A stored vector equal to an item's own: that item ranks first with cosine 1, which no history
        // encoding gives, so the answer shows which vector was used.
        storeUserVector(model, "u1", HISTORY, model.vectors.get("i25"));
        Map<String, Object> answer = userRecommendations(model.catalog, "u1", 5);
        assertEquals("model", answer.get("source"));
        assertEquals(model.modelId, ((Number) answer.get("modelId")).longValue());
        assertEquals("i25", itemIds(answer).get(0));
        assertEquals(1.0, ((Number) items(answer).get(0).get("score")).doubleValue(), 1e-4);
    }

    @Test
    void aStaleVectorIsIgnoredAndTheHistoryEncodedAsForASession() throws Exception {
        PublishedRecformer recformer = recformerWithHistories("u1");
        Published model = recformer.model;
        storeUserVector(model, "u1", HISTORY.subList(0, 3), model.vectors.get("i25"));
        ServingFixture exact = new ServingFixture(model.catalog, model.modelId, model.metric, model.vectors);
        List<String> encoded = exact.exactTop(recformer.encode(HISTORY), Set.copyOf(HISTORY), 5);
        assertEquals(encoded, itemIds(userRecommendations(model.catalog, "u1", 5)), "computed from an older history");

        storeUserVector(model, "u1", HISTORY, model.vectors.get("i25"));
        List<String> longer = List.of("i3", "i17", "i8", "i21", "i11");
        Fixtures.update("INSERT INTO event (catalog_id, user_id, item_id, seq) SELECT catalog_id, 'u1', id, 4 FROM item "
                + "WHERE catalog_id = ? AND external_id = 'i11'", Fixtures.catalogId(model.catalog));
        assertEquals(exact.exactTop(recformer.encode(longer), Set.copyOf(longer), 5),
                itemIds(userRecommendations(model.catalog, "u1", 5)), "an event arrived after it was computed");
    }

    @Test
    void erasingAUserDeletesTheirVectorsOfEveryModelAndPendingRecomputation() throws Exception {
        PublishedRecformer recformer = recformerWithHistories("u1", "u2");
        Published model = recformer.model;
        long catalogId = recformer.catalogId;
        vectorOfAnInactiveModel(model, "u1");
        storeUserVector(model, "u1", HISTORY, model.vectors.get("i25"));
        storeUserVector(model, "u2", HISTORY, model.vectors.get("i25"));
        Fixtures.update("INSERT INTO user_vector_dirty (catalog_id, user_id) VALUES (?, 'u1'), (?, 'u2')", catalogId,
                catalogId);

        admin().delete("/api/v1/catalogs/" + model.catalog + "/users/u1").then().statusCode(200);

        assertEquals(0L, userRows("user_vector", catalogId, "u1"));
        assertEquals(0L, userRows("user_vector_dirty", catalogId, "u1"));
        assertEquals(1L, userRows("user_vector", catalogId, "u2"), "other users keep theirs");
        assertEquals(1L, userRows("user_vector_dirty", catalogId, "u2"));
    }

    @Test
    void deletingAModelDeletesItsUserVectors() throws Exception {
        PublishedRecformer recformer = recformerWithHistories("u1");
        Published model = recformer.model;
        long catalogId = recformer.catalogId;
        long older = vectorOfAnInactiveModel(model, "u1");
        storeUserVector(model, "u1", HISTORY, model.vectors.get("i25"));

        admin().delete("/api/v1/catalogs/" + model.catalog + "/models/" + older).then().statusCode(204);

        assertEquals(1L, userRows("user_vector", catalogId, "u1"), "the active model's vector stays");
    }

    private record PublishedRecformer(Published model, byte[] artifact, long catalogId) {

        float[] encode(List<String> history) throws Exception {
            return RecformerEncoder.read(artifact, 24, 1).encodeItems(internalIds(catalogId, history));
        }
    }

    /** A tiny random Recformer (budget 24 tokens) over {@link #ITEMS} items, active. */
    private PublishedRecformer publishRecformer() throws Exception {
        RecformerArchitecture architecture = new RecformerArchitecture(40, 8, 2, 2, 16, 24, 0, 4,
                RecformerArchitecture.TOKEN_TYPES, 4, 1e-5f);
        SafeTensors weights = randomRecformer(new SplittableRandom(5), architecture);
        byte[][] file = new byte[1][];
        Published model = publish("recformer", ScoreMetric.COSINE, Map.of("servingTokenBudget", 24), 8, itemIds -> {
            file[0] = RecformerEncoder.artifact(weights, randomTokens(new SplittableRandom(6), itemIds)).toBytes();
            return Map.entry(RecformerEncoder.ARTIFACT, file[0]);
        });
        return new PublishedRecformer(model, file[0], Fixtures.catalogId(model.catalog));
    }

    /** Publishes another Recformer model of the catalog, not active, with a vector of the user; returns its id. */
    private static long vectorOfAnInactiveModel(Published model, String userId) {
        long catalogId = Fixtures.catalogId(model.catalog);
        long other = WorkerWrites.publish(model.catalog, null, "recformer", Map.of(), Map.of(), null, 3);
        Fixtures.update("INSERT INTO user_vector (catalog_id, model_id, user_id, history_hash, embedding) "
                + "VALUES (?, ?, ?, ?, '[1,0,0,0,0,0,0,0]')", catalogId, other, userId, new byte[32]);
        return other;
    }

    /** {@link #publishRecformer()}, and {@link #HISTORY} as the events of each of these users. */
    private PublishedRecformer recformerWithHistories(String... users) throws Exception {
        PublishedRecformer recformer = publishRecformer();
        for (String user : users) {
            Fixtures.events(recformer.model.catalog, user, HISTORY);
        }
        return recformer;
    }

    /** The user's vector as the worker writes it: computed from {@code history} (oldest first). */
    private static void storeUserVector(Published model, String userId, List<String> history, float[] vector)
            throws Exception {
        long catalogId = Fixtures.catalogId(model.catalog);
        try (Connection c = Fixtures.dataSource().getConnection()) {
            UserVectors.upsert(c, catalogId, model.modelId, List.of(new UserVectors.Row(userId,
                    UserVectors.fingerprint(internalIds(catalogId, history)), vector)));
        }
    }

    private static long[] internalIds(long catalogId, List<String> externalIds) {
        return externalIds.stream().mapToLong(id -> ((Number) Fixtures.scalar(
                "SELECT id FROM item WHERE catalog_id = ? AND external_id = ?", catalogId, id)).longValue()).toArray();
    }

    private static long userRows(String table, long catalogId, String userId) {
        return ((Number) Fixtures.scalar("SELECT count(*) FROM " + table + " WHERE catalog_id = ? AND user_id = ?",
                catalogId, userId)).longValue();
    }

    private static Map<String, Object> userRecommendations(String catalog, String userId, int k) {
        return admin().get("/api/v1/catalogs/" + catalog + "/users/" + userId + "/recommendations?k=" + k)
                .then().statusCode(200).extract().jsonPath().getMap("");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(Map<String, Object> answer) {
        return (List<Map<String, Object>>) answer.get("items");
    }

    private static List<String> itemIds(Map<String, Object> answer) {
        return items(answer).stream().map(item -> (String) item.get("itemId")).toList();
    }

    /** Three tokens per item (a key, two values) drawn from a vocabulary of 40. */
    private static RecformerItemTokens randomTokens(SplittableRandom random, long[] itemIds) {
        long[] offsets = new long[itemIds.length + 1];
        int[] tokens = new int[itemIds.length * 3];
        int[] types = new int[tokens.length];
        for (int n = 0; n < itemIds.length; n++) {
            offsets[n + 1] = offsets[n] + 3;
            for (int t = 0; t < 3; t++) {
                tokens[n * 3 + t] = 2 + random.nextInt(38);
                types[n * 3 + t] = t == 0 ? RecformerArchitecture.KEY : RecformerArchitecture.VALUE;
            }
        }
        return new RecformerItemTokens(itemIds, offsets, tokens, types, 1);
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

    /**
     * Publishes random vectors (and an encoder artifact, for learned encoders) as the worker would, and
     * activates them.
     *
     * @param artifact the encoder artifact's name and bytes for the items' internal ids (in
     *     {@link ServingFixture#itemIds} order), or null
     */
    private Published publish(String method, ScoreMetric metric, Map<String, Object> params, int dim,
            Function<long[], Map.Entry<String, byte[]>> artifact) throws Exception {
        String catalog = Api.createCatalog("enc");
        List<String> ids = ServingFixture.itemIds(ITEMS);
        Fixtures.items(catalog, ids);
        Map<String, float[]> vectors = Vectors.random(ids, dim, 7);
        long catalogId = Fixtures.catalogId(catalog);
        List<ItemVector> rows = new ArrayList<>();
        long[] itemIds = new long[ids.size()];
        for (int n = 0; n < ids.size(); n++) {
            itemIds[n] = ((Number) Fixtures.scalar("SELECT id FROM item WHERE catalog_id = ? AND external_id = ?",
                    catalogId, ids.get(n))).longValue();
            rows.add(new ItemVector(itemIds[n], vectors.get(ids.get(n))));
        }
        long modelId;
        try (Connection c = Fixtures.dataSource().getConnection()) {
            c.setAutoCommit(false);
            modelId = new ModelPublisher("64MB").publish(c, new ModelDraft(catalogId, null, method, metric, params,
                    Map.of()), rows.iterator());
            if (artifact != null) {
                Map.Entry<String, byte[]> file = artifact.apply(itemIds);
                artifacts.put(c, catalogId, modelId, file.getKey(), file.getValue());
            }
            c.commit();
        }
        Vectors.activate(catalog, modelId);
        return new Published(catalog, modelId, metric, vectors);
    }

    /** Random weights under the names and shapes the serving Recformer encoder reads; what it computes is checked elsewhere. */
    private static SafeTensors randomRecformer(SplittableRandom random, RecformerArchitecture a) {
        int h = a.hiddenSize();
        int inner = a.intermediateSize();
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("embeddings.word_embeddings.weight", matrix(random, a.vocabSize(), h));
        tensors.put("embeddings.position_embeddings.weight", matrix(random, a.positionRows(), h));
        tensors.put("embeddings.token_type_embeddings.weight", matrix(random, a.tokenTypes(), h));
        tensors.put("embeddings.item_position_embeddings.weight", matrix(random, a.itemPositions(), h));
        tensors.put("embeddings.LayerNorm.weight", matrix(random, 1, h));
        tensors.put("embeddings.LayerNorm.bias", matrix(random, 1, h));
        for (int l = 0; l < a.layers(); l++) {
            String layer = "encoder.layer." + l + ".";
            for (String projection : List.of("query", "key", "value", "query_global", "key_global", "value_global")) {
                tensors.put(layer + "attention.self." + projection + ".weight", matrix(random, h, h));
                tensors.put(layer + "attention.self." + projection + ".bias", matrix(random, 1, h));
            }
            tensors.put(layer + "attention.output.dense.weight", matrix(random, h, h));
            tensors.put(layer + "attention.output.dense.bias", matrix(random, 1, h));
            tensors.put(layer + "intermediate.dense.weight", matrix(random, inner, h));
            tensors.put(layer + "intermediate.dense.bias", matrix(random, 1, inner));
            tensors.put(layer + "output.dense.weight", matrix(random, h, inner));
            tensors.put(layer + "output.dense.bias", matrix(random, 1, h));
            for (String norm : List.of("attention.output.LayerNorm.", "output.LayerNorm.")) {
                tensors.put(layer + norm + "weight", matrix(random, 1, h));
                tensors.put(layer + norm + "bias", matrix(random, 1, h));
            }
        }
        return new SafeTensors(tensors, a.toMetadata());
    }

    /** A (rows, columns) F32 tensor; a single row is stored as a vector. */
    private static Tensor matrix(SplittableRandom random, int rows, int columns) {
        long[] shape = rows == 1 ? new long[] {columns} : new long[] {rows, columns};
        return Tensor.f32(shape, gaussian(random, rows * columns));
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

    private static float[] gaussian(SplittableRandom random, int length) {
        float[] values = new float[length];
        for (int i = 0; i < length; i++) {
            values[i] = (float) random.nextGaussian() * 0.3f;
        }
        return values;
    }

    private static SasrecWeights.Dense gruDense(SplittableRandom random) {
        return new SasrecWeights.Dense(gaussian(random, 3 * 8 * 8), gaussian(random, 3 * 8), 3 * 8, 8);
    }
}
