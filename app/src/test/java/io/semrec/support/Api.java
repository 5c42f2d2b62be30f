package io.semrec.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Shared helpers for API tests: authenticated requests and unique catalog slugs. */
public final class Api {

    /** Matches {@code %test.semrec.admin-key} in application.properties. */
    public static final String ADMIN_KEY = "test-admin-key-0123456789abcdef";

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final String RUN = Long.toString(System.nanoTime() % 1_000_000_000L, 36);

    private Api() {
    }

    public static RequestSpecification admin() {
        return as(ADMIN_KEY);
    }

    public static RequestSpecification as(String key) {
        return given().header("Authorization", "Bearer " + key);
    }

    /** A slug no other test (or earlier run against the same database) uses. */
    public static String uniqueSlug(String prefix) {
        return prefix + "-" + RUN + "-" + COUNTER.incrementAndGet();
    }

    /** Creates a catalog and returns its slug. */
    public static String createCatalog(String prefix) {
        String slug = uniqueSlug(prefix);
        admin().contentType(ContentType.JSON)
                .body(Map.of("slug", slug, "name", "Test " + slug))
                .post("/api/v1/catalogs")
                .then().statusCode(201);
        return slug;
    }

    /** Creates an API key and returns its secret. */
    public static String createKey(String role, String catalogSlug) {
        Map<String, Object> body = catalogSlug == null
                ? Map.of("name", "test " + role, "role", role)
                : Map.of("name", "test " + role, "role", role, "catalog", catalogSlug);
        return admin().contentType(ContentType.JSON).body(body)
                .post("/api/v1/api-keys")
                .then().statusCode(201)
                .extract().path("key");
    }
}
