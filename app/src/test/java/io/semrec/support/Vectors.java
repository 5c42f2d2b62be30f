package io.semrec.support;

import static io.semrec.support.Api.admin;

import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

/** Item vectors for tests: deterministic random ones, their NDJSON upload form, and the upload itself. */
public final class Vectors {

    private Vectors() {
    }

    /** Uniform in [-1, 1) per element, the same for the same seed. */
    public static Map<String, float[]> random(List<String> itemIds, int dim, long seed) {
        Random random = new Random(seed);
        Map<String, float[]> vectors = new LinkedHashMap<>();
        for (String id : itemIds) {
            float[] v = new float[dim];
            for (int i = 0; i < dim; i++) {
                v[i] = random.nextFloat() * 2 - 1;
            }
            vectors.put(id, v);
        }
        return vectors;
    }

    public static String ndjson(Map<String, float[]> vectors) {
        return vectors.entrySet().stream().map(e -> line(e.getKey(), e.getValue())).collect(Collectors.joining("\n", "", "\n"));
    }

    public static String line(String itemId, float[] vector) {
        StringBuilder json = new StringBuilder("{\"item_id\":\"").append(itemId).append("\",\"vector\":[");
        for (int i = 0; i < vector.length; i++) {
            json.append(i == 0 ? "" : ",").append(vector[i]);
        }
        return json.append("]}").toString();
    }

    /** The request with an NDJSON body (RestAssured only encodes bytes for that media type). */
    public static RequestSpecification withNdjson(RequestSpecification request, String body) {
        return request.contentType("application/x-ndjson").body(body.getBytes(StandardCharsets.UTF_8));
    }

    /** Uploads the vectors as a new model; returns its id. */
    public static long upload(String catalog, String metric, Map<String, float[]> vectors) {
        Number id = withNdjson(admin(), ndjson(vectors))
                .queryParam("metric", metric)
                .post("/api/v1/catalogs/" + catalog + "/models")
                .then().statusCode(201)
                .extract().path("id");
        return id.longValue();
    }

    public static void activate(String catalog, long modelId) {
        admin().post("/api/v1/catalogs/" + catalog + "/models/" + modelId + "/activate").then().statusCode(200);
    }
}
