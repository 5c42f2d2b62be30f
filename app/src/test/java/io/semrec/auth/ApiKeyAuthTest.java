package io.semrec.auth;

import static io.restassured.RestAssured.given;
import static io.semrec.support.Api.admin;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.semrec.api.Problem;
import io.semrec.support.Api;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ApiKeyAuthTest {

    @Test
    void noKeyIs401WithProblemBody() {
        given().get("/api/v1/catalogs")
                .then().statusCode(401)
                .contentType(Problem.MEDIA_TYPE)
                .header("WWW-Authenticate", "Bearer")
                .body("status", equalTo(401));
    }

    @Test
    void unknownKeyIs401() {
        Api.as("sk_not-a-real-key").get("/api/v1/catalogs").then().statusCode(401);
    }

    @Test
    void rolesAreEnforced() {
        String slug = Api.createCatalog("roles");
        String read = Api.createKey("read", null);
        String ingest = Api.createKey("ingest", null);

        Api.as(read).get("/api/v1/catalogs/" + slug).then().statusCode(200);
        Api.as(read).contentType(ContentType.JSON).body(Map.of("slug", Api.uniqueSlug("x"), "name", "x"))
                .post("/api/v1/catalogs").then().statusCode(403).contentType(Problem.MEDIA_TYPE);
        Api.as(ingest).delete("/api/v1/catalogs/" + slug).then().statusCode(403);
        Api.as(ingest).get("/api/v1/api-keys").then().statusCode(403);
    }

    @Test
    void catalogLimitedKeySeesOnlyItsCatalog() {
        String mine = Api.createCatalog("mine");
        String other = Api.createCatalog("other");
        String key = Api.createKey("admin", mine);

        Api.as(key).get("/api/v1/catalogs/" + mine).then().statusCode(200);
        Api.as(key).get("/api/v1/catalogs/" + other).then().statusCode(403);
        Api.as(key).get("/api/v1/catalogs").then().statusCode(200)
                .body("items.slug", hasItem(mine))
                .body("items.slug", not(hasItem(other)));
        Api.as(key).contentType(ContentType.JSON).body(Map.of("slug", Api.uniqueSlug("x"), "name", "x"))
                .post("/api/v1/catalogs").then().statusCode(403);
    }

    @Test
    void secretIsShownOnceAndRevocationTakesEffect() {
        var created = admin().contentType(ContentType.JSON).body(Map.of("name", "ci reader", "role", "read"))
                .post("/api/v1/api-keys")
                .then().statusCode(201)
                .body("key", startsWith("sk_"))
                .body("prefix", notNullValue())
                .extract().jsonPath();
        String secret = created.getString("key");
        long id = created.getLong("id");

        Api.as(secret).get("/api/v1/catalogs").then().statusCode(200);
        admin().get("/api/v1/api-keys?limit=500").then().statusCode(200)
                .body("items.find { it.id == " + id + " }.name", equalTo("ci reader"))
                .body("items.find { it.id == " + id + " }.key", equalTo(null));

        admin().delete("/api/v1/api-keys/" + id).then().statusCode(204);
        Api.as(secret).get("/api/v1/catalogs").then().statusCode(401);
    }

    @Test
    void invalidRoleNamesTheField() {
        admin().contentType(ContentType.JSON).body(Map.of("name", "x", "role", "superuser"))
                .post("/api/v1/api-keys")
                .then().statusCode(400).body("violations.field", hasItem("role"));
        admin().contentType(ContentType.JSON).body(Map.of("name", "x", "role", "read", "catalog", "no-such-catalog"))
                .post("/api/v1/api-keys")
                .then().statusCode(400).body("field", equalTo("catalog"));
    }
}
