package io.semrec.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quarkus.test.junit.QuarkusTest;
import io.semrec.api.ProblemException;
import io.semrec.catalog.CatalogDirectory;
import io.semrec.catalog.CatalogRef;
import io.semrec.model.ScoreMetric;
import io.semrec.support.Api;
import io.semrec.support.Fixtures;
import io.semrec.support.Vectors;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Session recommendations from a model that is not the active one (the admin UI's try-it page). */
@QuarkusTest
class ChosenModelSessionTest {

    private static final int ITEMS = 60;
    private static final int DIM = 8;

    @Inject
    RecommendationService recommendations;

    @Inject
    CatalogDirectory directory;

    @Test
    void aChosenModelAnswersFromItsOwnVectors() {
        ServingFixture active = ServingFixture.create("chosen", ITEMS, DIM, ScoreMetric.COSINE);
        Map<String, float[]> otherVectors = Vectors.random(ServingFixture.itemIds(ITEMS), DIM, 7);
        ServingFixture other = new ServingFixture(active.catalog(),
                Vectors.upload(active.catalog(), "cosine", otherVectors), ScoreMetric.COSINE, otherVectors);
        CatalogRef catalog = directory.require(active.catalog());
        List<String> history = List.of("i3", "i9", "i27");
        RecommendationQuery query = RecommendationQuery.of(10, true, List.of());

        Recommendations answer = recommendations.forSession(catalog, other.modelId(), history, query).await().indefinitely();
        assertEquals(other.modelId(), answer.modelId());
        assertEquals(other.exactTop(other.mean(history), Set.copyOf(history), 10),
                answer.items().stream().map(ScoredItem::itemId).toList());
        // The active model chosen by id answers as the active model does.
        assertEquals(recommendations.forSession(catalog, history, query).await().indefinitely(),
                recommendations.forSession(catalog, active.modelId(), history, query).await().indefinitely());
    }

    @Test
    void aModelOfAnotherCatalogIsNotFound() {
        String other = Api.createCatalog("chosen-other");
        Fixtures.items(other, List.of("a", "b"));
        long foreign = Vectors.upload(other, "cosine", Vectors.random(List.of("a", "b"), 4, 3));
        String own = Api.createCatalog("chosen-own");
        Fixtures.items(own, List.of("a", "b"));
        ProblemException refused = assertThrows(ProblemException.class, () -> recommendations.forSession(
                directory.require(own), foreign, List.of("a"), RecommendationQuery.of(5, true, List.of()))
                .await().indefinitely());
        assertEquals(404, refused.status);
    }
}
