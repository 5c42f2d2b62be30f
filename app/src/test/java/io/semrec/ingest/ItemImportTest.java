package io.semrec.ingest;

import static io.restassured.RestAssured.given;
import static io.semrec.ingest.Imports.CSV;
import static io.semrec.ingest.Imports.NDJSON;
import static io.semrec.ingest.Imports.lines;
import static io.semrec.support.Api.admin;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.semrec.api.Problem;
import io.semrec.support.Api;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ItemImportTest {

    @Test
    void upsertCountsNewChangedAndUnchangedItemsAndKeepsJsonTypes() {
        String slug = Api.createCatalog("items");
        Imports.items(slug, NDJSON, lines(
                        "{\"item_id\": \"a\", \"title\": \"Pen\", \"price\": 1.5, \"tags\": [\"blue\"], \"new\": true}",
                        "{\"item_id\": \"b\", \"title\": \"Pad\"}"))
                .statusCode(200)
                .body("accepted", equalTo(2)).body("updated", equalTo(0))
                .body("unchanged", equalTo(0)).body("rejected", equalTo(0)).body("errors", empty());

        Imports.items(slug, NDJSON, lines(
                        "{\"new\": true, \"tags\": [\"blue\"], \"price\": 1.5, \"title\": \"Pen\", \"item_id\": \"a\"}",
                        "{\"item_id\": \"b\", \"title\": \"Notepad\"}",
                        "{\"item_id\": \"c\"}"))
                .statusCode(200)
                .body("accepted", equalTo(1)).body("updated", equalTo(1)).body("unchanged", equalTo(1));

        admin().get("/api/v1/catalogs/" + slug + "/items/a").then().statusCode(200)
                .body("itemId", equalTo("a"))
                .body("attributes.price", equalTo(1.5f))
                .body("attributes.tags", contains("blue"))
                .body("attributes.new", equalTo(true))
                .body("available", equalTo(true));
        admin().get("/api/v1/catalogs/" + slug + "/items/b").then().body("attributes.title", equalTo("Notepad"));
        admin().get("/api/v1/catalogs/" + slug + "/items/zzz").then().statusCode(404).contentType(Problem.MEDIA_TYPE);
    }

    @Test
    void badNdjsonLinesAreReportedByLineWhileValidOnesLand() {
        String slug = Api.createCatalog("bad-json");
        Imports.items(slug, NDJSON, lines(
                        "{\"item_id\": \"1\"}",
                        "{\"item_id\": \"2\", \"title\": ",
                        "",
                        "{\"title\": \"no id\"}",
                        "{\"item_id\": \"5\"}"))
                .statusCode(200)
                .body("accepted", equalTo(2)).body("rejected", equalTo(2))
                .body("errors.line", contains(2, 4))
                .body("errors[0].reason", startsWith("invalid JSON"))
                .body("errors[1].reason", equalTo("missing item_id"));
        admin().get("/api/v1/catalogs/" + slug + "/items/5").then().statusCode(200);
        admin().get("/api/v1/catalogs/" + slug + "/items/2").then().statusCode(404);
    }

    @Test
    void csvItemsAreStringAttributesAndQuotedLineBreaksKeepLineNumbersRight() {
        String slug = Api.createCatalog("csv-items");
        Imports.items(slug, CSV, "item_id,title,notes\r\n"
                        + "p1,\"Pens, blue\",\"two\r\nlines\"\r\n"
                        + "p2,broken\"quote,x\r\n"
                        + "p3,\"Pad\",\r\n")
                .statusCode(200)
                .body("accepted", equalTo(2)).body("rejected", equalTo(1))
                .body("errors.line", contains(4));
        admin().get("/api/v1/catalogs/" + slug + "/items/p1").then()
                .body("attributes.title", equalTo("Pens, blue"))
                .body("attributes.notes", equalTo("two\r\nlines"));
        admin().get("/api/v1/catalogs/" + slug + "/items/p3").then().body("attributes.notes", equalTo(""));
    }

    @Test
    void errorListStopsAtAThousandButTheCountIsComplete() {
        String slug = Api.createCatalog("many-errors");
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 1500; i++) {
            body.append("{\"title\": \"no id\"}\n");
        }
        body.append("{\"item_id\": \"ok\"}\n");
        Imports.items(slug, NDJSON, body.toString())
                .statusCode(200)
                .body("accepted", equalTo(1)).body("rejected", equalTo(1500))
                .body("errors", hasSize(1000))
                .body("errors[0].line", equalTo(1)).body("errors[999].line", equalTo(1000));
    }

    @Test
    void aRepeatedItemInOneFileAppliesInOrder() {
        String slug = Api.createCatalog("repeat");
        Imports.items(slug, NDJSON, lines("{\"item_id\": \"x\", \"v\": 1}", "{\"item_id\": \"x\", \"v\": 2}",
                        "{\"item_id\": \"x\", \"v\": 2}"))
                .statusCode(200)
                .body("accepted", equalTo(1)).body("updated", equalTo(1)).body("unchanged", equalTo(1));
        admin().get("/api/v1/catalogs/" + slug + "/items/x").then().body("attributes.v", equalTo(2));
    }

    @Test
    void deletedItemsStayUnavailableWithTheirHistory() {
        String slug = Api.createCatalog("unavailable");
        Imports.items(slug, NDJSON, lines("{\"item_id\": \"old\", \"v\": 1}", "{\"item_id\": \"new\"}")).statusCode(200);
        Imports.events(slug, CSV, "user_id,item_id,seq\nu,old,0\nu,new,1\n").statusCode(200).body("accepted", equalTo(2));

        admin().delete("/api/v1/catalogs/" + slug + "/items/old").then().statusCode(204);
        admin().delete("/api/v1/catalogs/" + slug + "/items/old").then().statusCode(204);
        admin().delete("/api/v1/catalogs/" + slug + "/items/never").then().statusCode(404);
        admin().get("/api/v1/catalogs/" + slug + "/items/old").then().body("available", equalTo(false));
        admin().get("/api/v1/catalogs/" + slug + "/users/u/events").then()
                .body("events.itemId", contains("new", "old"));

        Imports.items(slug, NDJSON, lines("{\"item_id\": \"old\", \"v\": 2}")).body("updated", equalTo(1));
        admin().get("/api/v1/catalogs/" + slug + "/items/old").then()
                .body("available", equalTo(false)).body("attributes.v", equalTo(2));
        admin().get("/api/v1/catalogs/" + slug).then()
                .body("counts.items", equalTo(2)).body("counts.availableItems", equalTo(1));
    }

    @Test
    void listPaginatesOverEveryItemOnce() {
        String slug = Api.createCatalog("item-pages");
        Imports.items(slug, CSV, "item_id\na\nb\nc\nd\ne\n").statusCode(200).body("accepted", equalTo(5));
        String path = "/api/v1/catalogs/" + slug + "/items";
        var first = admin().queryParam("limit", 2).get(path).then().statusCode(200)
                .body("items", hasSize(2)).extract().jsonPath();
        var second = admin().queryParam("limit", 2).queryParam("cursor", first.getString("nextCursor")).get(path)
                .then().statusCode(200).body("items", hasSize(2)).extract().jsonPath();
        var last = admin().queryParam("limit", 2).queryParam("cursor", second.getString("nextCursor")).get(path)
                .then().statusCode(200).body("items", hasSize(1)).body("nextCursor", nullValue()).extract().jsonPath();
        Set<String> seen = new HashSet<>(first.getList("items.itemId"));
        seen.addAll(second.getList("items.itemId"));
        seen.addAll(last.getList("items.itemId"));
        if (!seen.equals(Set.of("a", "b", "c", "d", "e"))) {
            throw new AssertionError("pages gave " + seen);
        }
    }

    @Test
    void wholeBodyProblemsFailFast() {
        String slug = Api.createCatalog("unusable");
        Imports.items(slug, "application/json", "{\"item_id\": \"a\"}")
                .statusCode(415).contentType(Problem.MEDIA_TYPE);
        Imports.items(slug, "text/csv; charset=iso-8859-1", "item_id\na\n")
                .statusCode(415).contentType(Problem.MEDIA_TYPE).body("detail", containsString("UTF-8"));
        Imports.items(slug, CSV, "id,title\n1,x\n")
                .statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("missingColumns", contains("item_id"))
                .body("detail", containsString("item_id"));
        Imports.events(slug, CSV, "user_id,item_id\nu,i\n")
                .statusCode(400).body("missingColumns", contains("seq or ts"));
        admin().get("/api/v1/catalogs/" + slug).then().body("counts.items", equalTo(0));
    }

    @Test
    void rolesAndCatalogScopeAreEnforced() {
        String slug = Api.createCatalog("item-roles");
        String other = Api.createCatalog("item-roles-other");
        String read = Api.createKey("read", null);
        String ingest = Api.createKey("ingest", slug);
        byte[] body = lines("{\"item_id\": \"a\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);

        given().contentType(NDJSON).body(body)
                .post("/api/v1/catalogs/" + slug + "/items").then().statusCode(401);
        Api.as(read).contentType(NDJSON).body(body).post("/api/v1/catalogs/" + slug + "/items")
                .then().statusCode(403).contentType(Problem.MEDIA_TYPE);
        Api.as(ingest).contentType(NDJSON).body(body).post("/api/v1/catalogs/" + slug + "/items")
                .then().statusCode(200).body("accepted", equalTo(1));
        Api.as(ingest).contentType(NDJSON).body(body).post("/api/v1/catalogs/" + other + "/items")
                .then().statusCode(403);
        Api.as(read).get("/api/v1/catalogs/" + slug + "/items/a").then().statusCode(200);
        Api.as(read).delete("/api/v1/catalogs/" + slug + "/items/a").then().statusCode(403);
        Api.as(read).delete("/api/v1/catalogs/" + slug + "/users/u").then().statusCode(403);
        Api.as(ingest).delete("/api/v1/catalogs/" + slug + "/users/u").then().statusCode(200).body("deleted", equalTo(0));
    }

    @Test
    void outcomesAreCountedInMetrics() {
        String slug = Api.createCatalog("item-metrics");
        Imports.items(slug, NDJSON, lines("{\"item_id\": \"a\"}", "not json")).statusCode(200);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("semrec_ingest_lines_total{kind=\"items\",outcome=\"accepted\"}"))
                .body(containsString("semrec_ingest_lines_total{kind=\"items\",outcome=\"rejected\"}"));
    }
}
