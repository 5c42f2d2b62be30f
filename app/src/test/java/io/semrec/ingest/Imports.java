package io.semrec.ingest;

import io.restassured.response.ValidatableResponse;
import io.semrec.support.Api;
import java.nio.charset.StandardCharsets;

/** Test helper: posts import bodies with the admin key. */
final class Imports {

    // Explicit charsets: RestAssured would otherwise add ISO-8859-1, which imports refuse.
    static final String NDJSON = "application/x-ndjson; charset=utf-8";
    static final String CSV = "text/csv; charset=utf-8";

    private Imports() {
    }

    static ValidatableResponse items(String slug, String contentType, String body) {
        return post(slug, "items", contentType, body);
    }

    static ValidatableResponse events(String slug, String contentType, String body) {
        return post(slug, "events", contentType, body);
    }

    private static ValidatableResponse post(String slug, String kind, String contentType, String body) {
        return Api.admin().contentType(contentType).body(body.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/catalogs/" + slug + "/" + kind).then();
    }

    static String lines(String... lines) {
        return String.join("\n", lines) + "\n";
    }
}
