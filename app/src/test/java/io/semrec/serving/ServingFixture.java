package io.semrec.serving;

import static io.semrec.support.Api.admin;

import io.restassured.http.ContentType;
import io.semrec.encoder.MeanSequenceEncoder;
import io.semrec.model.ScoreMetric;
import io.semrec.support.Api;
import io.semrec.support.Fixtures;
import io.semrec.support.Vectors;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/** A catalog with items {@code i0..i<n-1>} and an active model of random vectors, plus exact answers to check against. */
record ServingFixture(String catalog, long modelId, ScoreMetric metric, Map<String, float[]> vectors) {

    static ServingFixture create(String prefix, int items, int dim, ScoreMetric metric) {
        String catalog = Api.createCatalog(prefix);
        List<String> ids = itemIds(items);
        Fixtures.items(catalog, ids);
        Map<String, float[]> vectors = Vectors.random(ids, dim, items * 31L + dim);
        long modelId = Vectors.upload(catalog, metric.wireName(), vectors);
        Vectors.activate(catalog, modelId);
        return new ServingFixture(catalog, modelId, metric, vectors);
    }

    static List<String> itemIds(int n) {
        return IntStream.range(0, n).mapToObj(i -> "i" + i).toList();
    }

    String path(String suffix) {
        return "/api/v1/catalogs/" + catalog + suffix;
    }

    void settings(Map<String, Object> settings) {
        admin().contentType(ContentType.JSON).body(Map.of("settings", settings)).patch(path("")).then().statusCode(200);
    }

    float[] mean(List<String> history) {
        return new MeanSequenceEncoder().encode(history.stream().map(vectors::get).toList());
    }

    /** Brute force over every item but the excluded ones, best first. */
    List<String> exactTop(float[] query, Set<String> exclude, int k) {
        return vectors.keySet().stream()
                .filter(id -> !exclude.contains(id))
                .sorted(Comparator.comparingDouble((String id) -> score(query, vectors.get(id))).reversed())
                .limit(k)
                .toList();
    }

    double score(float[] query, float[] item) {
        double dot = 0;
        double qq = 0;
        double ii = 0;
        for (int d = 0; d < query.length; d++) {
            dot += (double) query[d] * item[d];
            qq += (double) query[d] * query[d];
            ii += (double) item[d] * item[d];
        }
        return metric == ScoreMetric.DOT ? dot : dot / Math.sqrt(qq * ii);
    }
}
