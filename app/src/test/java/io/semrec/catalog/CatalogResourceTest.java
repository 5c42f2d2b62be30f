package io.semrec.catalog;

import static io.semrec.support.Api.admin;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.semrec.api.Problem;
import io.semrec.support.Api;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CatalogResourceTest {

    @Test
    void createGetUpdateDelete() {
        String slug = Api.uniqueSlug("books");
        admin().contentType(ContentType.JSON)
                .body(Map.of("slug", slug, "name", "Books", "settings", Map.of("efSearch", 120)))
                .post("/api/v1/catalogs")
                .then().statusCode(201)
                .header("Location", containsString("/api/v1/catalogs/" + slug))
                .body("slug", equalTo(slug))
                .body("settings.efSearch", equalTo(120))
                .body("settings.historyLength", equalTo(CatalogSettings.DEFAULT_HISTORY_LENGTH))
                .body("activeModelId", nullValue());

        admin().get("/api/v1/catalogs/" + slug)
                .then().statusCode(200)
                .body("name", equalTo("Books"))
                .body("counts.items", equalTo(0))
                .body("counts.events", equalTo(0));

        admin().contentType(ContentType.JSON)
                .body(Map.of("name", "Old books", "settings", Map.of("historyLength", 20)))
                .patch("/api/v1/catalogs/" + slug)
                .then().statusCode(200)
                .body("name", equalTo("Old books"))
                .body("settings.efSearch", equalTo(120))
                .body("settings.historyLength", equalTo(20));

        admin().delete("/api/v1/catalogs/" + slug).then().statusCode(204);
        admin().get("/api/v1/catalogs/" + slug)
                .then().statusCode(404)
                .contentType(Problem.MEDIA_TYPE)
                .body("status", equalTo(404))
                .body("detail", containsString(slug));
    }

    @Test
    void duplicateSlugIsAConflict() {
        String slug = Api.createCatalog("dup");
        admin().contentType(ContentType.JSON).body(Map.of("slug", slug, "name", "again"))
                .post("/api/v1/catalogs")
                .then().statusCode(409).contentType(Problem.MEDIA_TYPE);
    }

    @Test
    void invalidRequestsNameTheField() {
        admin().contentType(ContentType.JSON).body(Map.of("slug", "Not A Slug!", "name", "x"))
                .post("/api/v1/catalogs")
                .then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("violations.field", hasItem("slug"));
        admin().contentType(ContentType.JSON)
                .body(Map.of("slug", Api.uniqueSlug("ef"), "name", "x", "settings", Map.of("efSearch", 5)))
                .post("/api/v1/catalogs")
                .then().statusCode(400)
                .body("violations.field", hasItem("efSearch"));
        admin().contentType(ContentType.JSON).body("{\"slug\": ")
                .post("/api/v1/catalogs")
                .then().statusCode(400).contentType(Problem.MEDIA_TYPE);
    }

    @Test
    void listPaginatesWithoutRepeats() {
        for (int i = 0; i < 3; i++) {
            Api.createCatalog("page");
        }
        Set<String> seen = new HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = admin().queryParam("limit", 2);
            if (cursor != null) {
                request = request.queryParam("cursor", cursor);
            }
            var body = request.get("/api/v1/catalogs").then().statusCode(200).extract().jsonPath();
            List<String> slugs = body.getList("items.slug");
            for (String s : slugs) {
                if (!seen.add(s)) {
                    throw new AssertionError("slug listed twice: " + s);
                }
            }
            cursor = body.getString("nextCursor");
            pages++;
        } while (cursor != null);
        if (pages < 2 || seen.size() < 3) {
            throw new AssertionError("expected several pages, got " + pages + " with " + seen.size());
        }
        admin().queryParam("cursor", "garbage!").get("/api/v1/catalogs")
                .then().statusCode(400).body("field", equalTo("cursor"));
    }

    @Test
    void deleteRemovesTheCatalogsData() {
        String slug = Api.createCatalog("gone");
        admin().get("/api/v1/catalogs/" + slug).then().statusCode(200).body("createdAt", notNullValue());
        admin().delete("/api/v1/catalogs/" + slug).then().statusCode(204);
        admin().delete("/api/v1/catalogs/" + slug).then().statusCode(404);
    }
}
