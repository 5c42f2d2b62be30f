package io.semrec.serving;

import static io.semrec.support.Api.admin;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.isIn;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.semrec.api.Problem;
import io.semrec.model.ScoreMetric;
import io.semrec.support.Api;
import io.semrec.support.Fixtures;
import io.semrec.support.Vectors;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RecommendationResourceTest {

    private static JsonPath session(ServingFixture f, List<String> history, int k, String... query) {
        RequestSpecification request = admin().contentType(ContentType.JSON).body(Map.of("history", history, "k", k));
        for (int i = 0; i < query.length; i += 2) {
            request = request.queryParam(query[i], query[i + 1]);
        }
        return request.post(f.path("/recommendations")).then().statusCode(200).extract().jsonPath();
    }

    private static List<String> ids(JsonPath response) {
        return response.getList("items.itemId", String.class);
    }

    @Test
    void userRecommendationsEncodeTheMostRecentHistoryAndSkipIt() {
        ServingFixture f = ServingFixture.create("user-recs", 60, 8, ScoreMetric.COSINE);
        f.settings(Map.of("historyLength", 3, "efSearch", 1000));
        Fixtures.events(f.catalog(), "u1", List.of("i1", "i2", "i3", "i4", "i5"));
        List<String> history = List.of("i3", "i4", "i5");

        JsonPath response = admin().queryParam("k", 10).get(f.path("/users/u1/recommendations"))
                .then().statusCode(200)
                .body("catalog", equalTo(f.catalog()))
                .body("source", equalTo("model"))
                .body("modelId", equalTo((int) f.modelId()))
                .body("items", hasSize(10))
                .extract().jsonPath();

        assertEquals(f.exactTop(f.mean(history), Set.copyOf(history), 10), ids(response));
        assertEquals(f.score(f.mean(history), f.vectors().get(ids(response).get(0))),
                response.getDouble("items[0].score"), 1e-5);
    }

    @Test
    void sessionRecommendationsSkipTheSessionUnlessAskedNotTo() {
        ServingFixture f = ServingFixture.create("session", 40, 8, ScoreMetric.COSINE);
        List<String> history = List.of("i1", "unknown-item", "i2");

        JsonPath skipping = session(f, history, 5);
        assertEquals("model", skipping.getString("source"));
        assertEquals(f.exactTop(f.mean(List.of("i1", "i2")), Set.of("i1", "i2"), 5), ids(skipping));

        JsonPath including = session(f, List.of("i7"), 3, "exclude_seen", "false");
        assertEquals("i7", ids(including).get(0));
        assertEquals(1.0, including.getDouble("items[0].score"), 1e-5);
    }

    @Test
    void aLongSessionIsEncodedByItsNewestItemsButNoneOfItsItemsIsRecommended() {
        ServingFixture f = ServingFixture.create("long-session", 40, 8, ScoreMetric.COSINE);
        f.settings(Map.of("historyLength", 2, "efSearch", 1000));
        float[] newest = f.mean(List.of("i2", "i3"));
        // The oldest item would be the best answer, were it not in the session.
        String oldest = f.exactTop(newest, Set.of("i2", "i3"), 1).get(0);
        List<String> history = List.of(oldest, "i2", "i3");
        assertEquals(f.exactTop(newest, Set.copyOf(history), 8), ids(session(f, history, 8)));
    }

    @Test
    void similarItemsNeverIncludeTheItemItself() {
        ServingFixture f = ServingFixture.create("similar", 40, 8, ScoreMetric.DOT);
        JsonPath response = admin().queryParam("k", 5).get(f.path("/items/i7/similar"))
                .then().statusCode(200).body("source", equalTo("model")).extract().jsonPath();
        assertEquals(f.exactTop(f.vectors().get("i7"), Set.of("i7"), 5), ids(response));

        admin().get(f.path("/items/no-such-item/similar")).then().statusCode(404).contentType(Problem.MEDIA_TYPE);
    }

    @Test
    void scoresAreCosineOrDotAsComputedByHand() {
        Map<String, float[]> vectors = new LinkedHashMap<>();
        vectors.put("a", new float[] {1, 0});
        vectors.put("b", new float[] {0, 2});
        vectors.put("c", new float[] {3, 4});
        vectors.put("d", new float[] {-1, -1});
        // Query = mean(a, b) = (0.5, 1); |q| = sqrt(1.25).
        Map<String, Double> cosine = Map.of("c", 5.5 / (Math.sqrt(1.25) * 5), "d", -1.5 / (Math.sqrt(1.25) * Math.sqrt(2)));
        Map<String, Double> dot = Map.of("c", 5.5, "d", -1.5);
        for (ScoreMetric metric : ScoreMetric.values()) {
            String catalog = Api.createCatalog("scores");
            Fixtures.items(catalog, List.copyOf(vectors.keySet()));
            Vectors.activate(catalog, Vectors.upload(catalog, metric.wireName(), vectors));
            Map<String, Double> expected = metric == ScoreMetric.DOT ? dot : cosine;

            JsonPath response = admin().contentType(ContentType.JSON).body(Map.of("history", List.of("a", "b"), "k", 5))
                    .post("/api/v1/catalogs/" + catalog + "/recommendations").then().statusCode(200).extract().jsonPath();
            assertEquals(List.of("c", "d"), ids(response), metric.name());
            assertEquals(expected.get("c"), response.getDouble("items[0].score"), 1e-6, metric.name());
            assertEquals(expected.get("d"), response.getDouble("items[1].score"), 1e-6, metric.name());
        }
    }

    @Test
    void approximateTopKEqualsExactTopKWhenEfSearchCoversTheCatalog() {
        ServingFixture f = ServingFixture.create("ann-exact", 300, 16, ScoreMetric.COSINE);
        f.settings(Map.of("efSearch", 400));
        Random random = new Random(7);
        for (int trial = 0; trial < 20; trial++) {
            List<String> history = List.of("i" + random.nextInt(300), "i" + random.nextInt(300), "i" + random.nextInt(300));
            List<String> served = ids(session(f, history, 10));
            assertEquals(exactBySequentialScan(f, f.mean(history), Set.copyOf(history), 10), served, "history " + history);
        }
    }

    /** The database's own exact answer: the un-cast column is not what the index covers, so it is a full scan. */
    private static List<String> exactBySequentialScan(ServingFixture f, float[] query, Set<String> exclude, int k) {
        String ids = (String) Fixtures.scalar("""
                SELECT string_agg(external_id, ',' ORDER BY distance) FROM (
                    SELECT i.external_id, v.embedding <=> CAST(? AS vector) AS distance
                    FROM item_vector v JOIN item i ON i.catalog_id = v.catalog_id AND i.id = v.item_id
                    WHERE v.model_id = ? AND NOT (i.external_id = ANY (CAST(? AS text[])))
                    ORDER BY distance LIMIT ?) exact""",
                new com.pgvector.PGvector(query).getValue(), f.modelId(), "{" + String.join(",", exclude) + "}", k);
        return List.of(ids.split(","));
    }

    @Test
    void filtersStillYieldKItems() {
        FilterCatalog catalog = FilterCatalog.create();
        ServingFixture f = catalog.fixture();
        Set<String> paper = catalog.paper();
        Set<String> acmePens = catalog.acmePens();

        for (String filter : List.of("categories:Paper", "categories:Office Products, Paper, Copy Paper", "tags:red",
                "pages:100")) {
            JsonPath response = session(f, List.of("i3", "i40"), 10, "filter", filter);
            assertEquals(10, ids(response).size(), filter);
            assertTrue(paper.containsAll(ids(response)), filter + " -> " + ids(response));
            assertTrue(!ids(response).contains("i40"), "history is still excluded");
        }
        JsonPath both = admin().contentType(ContentType.JSON).body(Map.of("history", List.of("i3"), "k", 15))
                .queryParam("filter", "brand:Acme").queryParam("filter", "tags:green")
                .post(f.path("/recommendations")).then().statusCode(200).extract().jsonPath();
        assertEquals(15, ids(both).size());
        assertTrue(acmePens.containsAll(ids(both)), ids(both).toString());

        admin().queryParam("filter", "nocolon").get(f.path("/items/i1/similar"))
                .then().statusCode(400).body("field", equalTo("filter"));
    }

    @Test
    void unavailableItemsAreNeverReturned() {
        ServingFixture f = ServingFixture.create("unavailable", 60, 8, ScoreMetric.COSINE);
        Fixtures.update("UPDATE item SET available = false WHERE catalog_id = ? AND substring(external_id, 2)::int % 2 = 0",
                Fixtures.catalogId(f.catalog()));
        Fixtures.events(f.catalog(), "u1", List.of("i1", "i2"));
        Set<String> unavailable = new HashSet<>();
        for (int i = 0; i < 60; i += 2) {
            unavailable.add("i" + i);
        }

        JsonPath fromSession = session(f, List.of("i1", "i2"), 200);
        assertEquals(29, ids(fromSession).size(), "every available item but the history's i1");
        admin().queryParam("k", 200).get(f.path("/users/u1/recommendations")).then().statusCode(200)
                .body("items.itemId", everyItem(not(isIn(unavailable)))).body("items", hasSize(29));
        admin().queryParam("k", 200).get(f.path("/items/i2/similar")).then().statusCode(200)
                .body("items.itemId", everyItem(not(isIn(unavailable)))).body("items", hasSize(30));
        admin().queryParam("k", 200).get(f.path("/users/nobody/recommendations")).then().statusCode(200)
                .body("source", equalTo("popularity"))
                .body("items.itemId", everyItem(not(isIn(unavailable)))).body("items", hasSize(30));
        assertTrue(ids(fromSession).stream().noneMatch(unavailable::contains));
    }

    @Test
    void popularityAnswersWhenThereIsNoActiveModel() {
        String catalog = Api.createCatalog("popular");
        Fixtures.insertItems(catalog, List.of(
                new Fixtures.Item("x", "{\"color\": \"red\"}", true),
                new Fixtures.Item("y", "{\"color\": \"blue\"}", true),
                new Fixtures.Item("z", "{\"color\": \"red\"}", true),
                new Fixtures.Item("gone", "{\"color\": \"red\"}", false)));
        Fixtures.events(catalog, "u1", List.of("y", "y", "y", "gone", "gone", "gone", "gone"));
        Fixtures.events(catalog, "u2", List.of("z", "z", "x"));
        String path = "/api/v1/catalogs/" + catalog;

        admin().get(path + "/users/u3/recommendations").then().statusCode(200)
                .body("source", equalTo("popularity"))
                .body("modelId", nullValue())
                .body("items.itemId", equalTo(List.of("y", "z", "x")))
                .body("items.score", equalTo(List.of(3.0f, 2.0f, 1.0f)));
        admin().get(path + "/users/u1/recommendations").then().statusCode(200)
                .body("source", equalTo("popularity"))
                .body("items.itemId", equalTo(List.of("z", "x")));
        admin().queryParam("filter", "color:red").get(path + "/users/u2/recommendations?exclude_seen=false")
                .then().statusCode(200).body("items.itemId", equalTo(List.of("z", "x")));
        admin().contentType(ContentType.JSON).body(Map.of("history", List.of("z"), "k", 1))
                .post(path + "/recommendations").then().statusCode(200)
                .body("source", equalTo("popularity"))
                .body("items.itemId", equalTo(List.of("y")));
    }

    @Test
    void popularityAnswersWhenTheHistoryHasNoVectors() {
        ServingFixture f = ServingFixture.create("no-vectors", 10, 4, ScoreMetric.DOT);
        Fixtures.items(f.catalog(), List.of("new-item"));
        Fixtures.events(f.catalog(), "u1", List.of("new-item"));
        admin().get(f.path("/users/nobody/recommendations")).then().statusCode(200)
                .body("source", equalTo("popularity")).body("modelId", nullValue());
        admin().get(f.path("/users/u1/recommendations")).then().statusCode(200)
                .body("source", equalTo("popularity"))
                .body("items.itemId", not(org.hamcrest.Matchers.hasItem("new-item")));
        admin().get(f.path("/items/new-item/similar")).then().statusCode(200).body("source", equalTo("popularity"));
        assertEquals("popularity", session(f, List.of("new-item", "unknown"), 3).getString("source"));
    }

    @Test
    void activatingAnotherModelSwitchesServingAndBackIsARollback() {
        ServingFixture f = ServingFixture.create("switch", 20, 4, ScoreMetric.COSINE);
        long b = Vectors.upload(f.catalog(), "dot", Vectors.random(ServingFixture.itemIds(20), 6, 5));
        for (long active : List.of(f.modelId(), b, f.modelId())) {
            Vectors.activate(f.catalog(), active);
            assertEquals(active, session(f, List.of("i1"), 3).getLong("modelId"));
            admin().get(f.path("/items/i1/similar")).then().body("modelId", equalTo((int) active));
        }
    }

    @Test
    void kMustBeBetweenOneAndTwoHundred() {
        ServingFixture f = ServingFixture.create("k", 5, 2, ScoreMetric.DOT);
        for (int k : new int[] {0, RecommendationQuery.MAX_K + 1}) {
            admin().queryParam("k", k).get(f.path("/users/u/recommendations"))
                    .then().statusCode(400).contentType(Problem.MEDIA_TYPE).body("field", equalTo("k"));
            admin().contentType(ContentType.JSON).body(Map.of("history", List.of("i1"), "k", k))
                    .post(f.path("/recommendations")).then().statusCode(400).body("detail", containsString("k"));
        }
        admin().queryParam("k", RecommendationQuery.MAX_K).get(f.path("/items/i1/similar")).then().statusCode(200);
        admin().contentType(ContentType.JSON).body(Map.of("k", 3)).post(f.path("/recommendations"))
                .then().statusCode(400).contentType(Problem.MEDIA_TYPE);
    }

    @Test
    void readKeysOfTheCatalogMayAskOthersMayNot() {
        ServingFixture f = ServingFixture.create("auth", 5, 2, ScoreMetric.DOT);
        String read = Api.createKey("read", f.catalog());
        String elsewhere = Api.createKey("read", Api.createCatalog("elsewhere"));

        Api.as(read).get(f.path("/users/u/recommendations")).then().statusCode(200);
        Api.as(read).get(f.path("/items/i1/similar")).then().statusCode(200);
        Api.as(elsewhere).get(f.path("/users/u/recommendations")).then().statusCode(403);
        Api.as(elsewhere).contentType(ContentType.JSON).body(Map.of("history", List.of("i1")))
                .post(f.path("/recommendations")).then().statusCode(403);
        RestAssured.given().get(f.path("/items/i1/similar")).then().statusCode(401);
        RestAssured.given().contentType(ContentType.JSON).body(Map.of("history", List.of("i1")))
                .post(f.path("/recommendations")).then().statusCode(401).contentType(Problem.MEDIA_TYPE);
    }

    @Test
    void latencyHistogramsAndRecommendationCountsAreExported() {
        ServingFixture f = ServingFixture.create("metrics", 5, 2, ScoreMetric.DOT);
        session(f, List.of("i1"), 2);
        RestAssured.given().get("/q/metrics").then().statusCode(200)
                .body(containsString("http_server_requests_seconds_bucket{"))
                .body(containsString("uri=\"/api/v1/catalogs/{catalog}/recommendations\""))
                .body(containsString("semrec_recommendations_total{endpoint=\"session\",source=\"model\"}"));
    }
}
