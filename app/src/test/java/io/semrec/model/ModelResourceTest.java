package io.semrec.model;

import static io.semrec.support.Api.admin;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.semrec.api.LineErrors;
import io.semrec.api.Problem;
import io.semrec.support.Api;
import io.semrec.support.Fixtures;
import io.semrec.support.Vectors;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ModelResourceTest {

    private static final List<String> ITEMS = List.of("a", "b", "c", "d");

    private static String catalogWithItems() {
        String catalog = Api.createCatalog("models");
        Fixtures.items(catalog, ITEMS);
        return catalog;
    }

    private static String models(String catalog) {
        return "/api/v1/catalogs/" + catalog + "/models";
    }

    @Test
    void uploadListGetActivate() {
        String catalog = catalogWithItems();
        long id = Vectors.withNdjson(admin(), Vectors.ndjson(Vectors.random(ITEMS, 3, 1)))
                .queryParam("metric", "dot")
                .post(models(catalog))
                .then().statusCode(201)
                .header("Location", containsString(models(catalog) + "/"))
                .body("method", equalTo("byo"))
                .body("dim", equalTo(3))
                .body("metric", equalTo("dot"))
                .body("itemCount", equalTo(4))
                .body("active", equalTo(false))
                .extract().jsonPath().getLong("id");

        assertNotNull(Fixtures.scalar("SELECT to_regclass(?)", Model.vectorTable(id)), "partition exists");
        assertEquals(4L, Fixtures.scalar("SELECT count(*) FROM item_vector WHERE model_id = ?", id));
        assertEquals("hnsw", Fixtures.scalar("SELECT am.amname FROM pg_index x JOIN pg_class c ON c.oid = x.indexrelid "
                + "JOIN pg_am am ON am.oid = c.relam WHERE x.indrelid = to_regclass(?) AND am.amname = 'hnsw'",
                Model.vectorTable(id)));

        admin().get(models(catalog)).then().statusCode(200)
                .body("items.id", contains((int) id))
                .body("items[0].createdAt", startsWith("20"))
                .body("items[0].metrics", equalTo(Map.of()));
        admin().post(models(catalog) + "/" + id + "/activate").then().statusCode(200).body("active", equalTo(true));
        admin().get(models(catalog) + "/" + id).then().statusCode(200).body("active", equalTo(true));
        admin().get("/api/v1/catalogs/" + catalog).then().body("activeModelId", equalTo((int) id));
    }

    @Test
    void listPaginates() {
        String catalog = catalogWithItems();
        long first = Vectors.upload(catalog, "cosine", Vectors.random(ITEMS, 2, 1));
        long second = Vectors.upload(catalog, "cosine", Vectors.random(ITEMS, 2, 2));
        String cursor = admin().queryParam("limit", 1).get(models(catalog)).then().statusCode(200)
                .body("items.id", contains((int) first))
                .extract().path("nextCursor");
        admin().queryParam("limit", 1).queryParam("cursor", cursor).get(models(catalog)).then().statusCode(200)
                .body("items.id", contains((int) second));
    }

    @Test
    void badLinesAreListedWithTheirNumbersAndNothingIsCreated() {
        String catalog = catalogWithItems();
        String body = String.join("\n",
                "{\"item_id\":\"a\",\"vector\":[1,2,3]}",
                "{\"item_id\":\"b\",\"vector\":[1,2,",
                "{\"item_id\":\"c\",\"vector\":[1,2]}",
                "{\"item_id\":\"nope\",\"vector\":[1,2,3]}",
                "{\"item_id\":\"a\",\"vector\":[4,5,6]}",
                "",
                "{\"item_id\":\"d\",\"vector\":[1,1e39,3]}",
                "{\"item_id\":\"b\",\"vector\":[1,\"x\",3]}",
                "[1,2,3]",
                Vectors.line("c", new float[Model.MAX_DIM + 1]));
        long tablesBefore = partitionCount();

        Vectors.withNdjson(admin(), body).queryParam("metric", "cosine")
                .post(models(catalog))
                .then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("errorCount", equalTo(8))
                .body("errors.line", contains(2, 3, 5, 7, 8, 9, 10, 4))
                .body("errors[0].reason", startsWith("not valid JSON"))
                .body("errors[1].reason", containsString("differs from the model's 3"))
                .body("errors[2].reason", containsString("already has a vector on line 1"))
                .body("errors[3].reason", containsString("element 1 is not a finite"))
                .body("errors[4].reason", containsString("not a number"))
                .body("errors[5].reason", containsString("expected {"))
                .body("errors[6].reason", containsString("1 to 2000"))
                .body("errors[7].reason", equalTo("unknown item 'nope'"));

        admin().get(models(catalog)).then().body("items", empty());
        assertEquals(tablesBefore, partitionCount(), "no vector table is left behind");
    }

    @Test
    void errorListIsCappedButCountIsComplete() {
        String catalog = catalogWithItems();
        String body = IntStream.range(0, LineErrors.MAX_LISTED + 200).mapToObj(i -> "not json")
                .collect(Collectors.joining("\n"));
        Vectors.withNdjson(admin(), body).queryParam("metric", "dot")
                .post(models(catalog))
                .then().statusCode(400)
                .body("errors", hasSize(LineErrors.MAX_LISTED))
                .body("errorCount", equalTo(LineErrors.MAX_LISTED + 200));
    }

    @Test
    void metricAndBodyAreRequired() {
        String catalog = catalogWithItems();
        Vectors.withNdjson(admin(), Vectors.ndjson(Vectors.random(ITEMS, 2, 1)))
                .post(models(catalog))
                .then().statusCode(400).body("field", equalTo("metric"));
        Vectors.withNdjson(admin(), Vectors.ndjson(Vectors.random(ITEMS, 2, 1)))
                .queryParam("metric", "euclid").post(models(catalog))
                .then().statusCode(400).body("field", equalTo("metric"));
        Vectors.withNdjson(admin(), "\n\n").queryParam("metric", "dot").post(models(catalog))
                .then().statusCode(400).body("detail", containsString("no item vectors"));
    }

    @Test
    void deletingACatalogDropsItsModelsPartitionsActiveOneIncluded() {
        String catalog = catalogWithItems();
        long active = Vectors.upload(catalog, "cosine", Vectors.random(ITEMS, 2, 1));
        long inactive = Vectors.upload(catalog, "dot", Vectors.random(ITEMS, 3, 2));
        Vectors.activate(catalog, active);

        admin().delete("/api/v1/catalogs/" + catalog).then().statusCode(204);
        assertNull(Fixtures.scalar("SELECT to_regclass(?)", Model.vectorTable(active)), "active partition dropped");
        assertNull(Fixtures.scalar("SELECT to_regclass(?)", Model.vectorTable(inactive)), "inactive partition dropped");
        assertEquals(0L, Fixtures.scalar("SELECT count(*) FROM model WHERE id IN (?, ?)", active, inactive));
    }

    @Test
    void theActiveModelCannotBeDeletedAnInactiveOneIsDroppedWithItsPartition() {
        String catalog = catalogWithItems();
        long active = Vectors.upload(catalog, "cosine", Vectors.random(ITEMS, 2, 1));
        long inactive = Vectors.upload(catalog, "cosine", Vectors.random(ITEMS, 2, 2));
        Vectors.activate(catalog, active);

        admin().delete(models(catalog) + "/" + active).then().statusCode(409).contentType(Problem.MEDIA_TYPE);
        assertNotNull(Fixtures.scalar("SELECT to_regclass(?)", Model.vectorTable(active)));

        admin().delete(models(catalog) + "/" + inactive).then().statusCode(204);
        assertNull(Fixtures.scalar("SELECT to_regclass(?)", Model.vectorTable(inactive)), "partition dropped");
        admin().get(models(catalog) + "/" + inactive).then().statusCode(404);
        admin().delete(models(catalog) + "/" + inactive).then().statusCode(404);
    }

    @Test
    void modelsOfAnotherCatalogAreNotFound() {
        String mine = catalogWithItems();
        String other = catalogWithItems();
        long id = Vectors.upload(other, "dot", Vectors.random(ITEMS, 2, 1));
        admin().get(models(mine) + "/" + id).then().statusCode(404);
        admin().post(models(mine) + "/" + id + "/activate").then().statusCode(404);
        admin().delete(models(mine) + "/" + id).then().statusCode(404);
    }

    @Test
    void readersListButOnlyAdminsChangeModels() {
        String catalog = catalogWithItems();
        long id = Vectors.upload(catalog, "dot", Vectors.random(ITEMS, 2, 1));
        String read = Api.createKey("read", catalog);
        String ingest = Api.createKey("ingest", catalog);
        String elsewhere = Api.createKey("admin", Api.createCatalog("elsewhere"));

        Api.as(read).get(models(catalog)).then().statusCode(200);
        Api.as(read).post(models(catalog) + "/" + id + "/activate").then().statusCode(403);
        Api.as(ingest).delete(models(catalog) + "/" + id).then().statusCode(403);
        Vectors.withNdjson(Api.as(ingest), Vectors.ndjson(Vectors.random(ITEMS, 2, 1)))
                .queryParam("metric", "dot").post(models(catalog)).then().statusCode(403);
        Api.as(elsewhere).get(models(catalog)).then().statusCode(403);
        io.restassured.RestAssured.given().get(models(catalog)).then().statusCode(401);
        io.restassured.RestAssured.given().contentType(ContentType.JSON).post(models(catalog) + "/" + id + "/activate")
                .then().statusCode(401);
    }

    private static long partitionCount() {
        return (Long) Fixtures.scalar("SELECT count(*) FROM pg_class WHERE relname LIKE 'item_vector\\_m%' AND relkind = 'r'");
    }
}
