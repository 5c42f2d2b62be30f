package io.semrec.serving;

import io.semrec.model.ScoreMetric;
import io.semrec.support.Api;
import io.semrec.support.Fixtures;
import io.semrec.support.Vectors;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * 400 items with an active model, where 5% ({@code paper}: every 20th item) match
 * {@code categories:Paper}, {@code tags:red} and {@code pages:100}, and another 5% ({@code acmePens})
 * match {@code brand:Acme} together with {@code tags:green}.
 */
record FilterCatalog(ServingFixture fixture, Set<String> paper, Set<String> acmePens) {

    static final int ITEMS = 400;

    static FilterCatalog create() {
        String catalog = Api.createCatalog("filters");
        List<Fixtures.Item> items = new ArrayList<>();
        Set<String> paper = new HashSet<>();
        Set<String> acmePens = new HashSet<>();
        for (int i = 0; i < ITEMS; i++) {
            String id = "i" + i;
            String attributes = switch (i % 20) {
                case 0 -> "{\"categories\": \"Office Products, Paper, Copy Paper\", \"brand\": \"Acme\", "
                        + "\"tags\": [\"red\", \"blue\"], \"pages\": 100}";
                case 1 -> "{\"categories\": \"Office Products, Pens\", \"brand\": \"Acme\", \"tags\": [\"green\"]}";
                default -> "{\"categories\": \"Office Products, Pens\", \"brand\": \"Other\", \"tags\": []}";
            };
            (i % 20 == 0 ? paper : i % 20 == 1 ? acmePens : new HashSet<String>()).add(id);
            items.add(new Fixtures.Item(id, attributes, true));
        }
        Fixtures.insertItems(catalog, items);
        var vectors = Vectors.random(ServingFixture.itemIds(ITEMS), 16, 99);
        long modelId = Vectors.upload(catalog, "cosine", vectors);
        Vectors.activate(catalog, modelId);
        return new FilterCatalog(new ServingFixture(catalog, modelId, ScoreMetric.COSINE, vectors), paper, acmePens);
    }
}
