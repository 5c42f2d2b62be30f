package io.semrec.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.semrec.api.ProblemException;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecommendationQueryTest {

    @Test
    void kDefaultsToTenAndMayBeOneToTwoHundred() {
        assertEquals(RecommendationQuery.DEFAULT_K, RecommendationQuery.of(null, true, null).k());
        assertEquals(1, RecommendationQuery.of(1, true, null).k());
        assertEquals(200, RecommendationQuery.of(200, false, List.of("a:b")).k());
        for (int k : new int[] {0, -1, 201}) {
            ProblemException e = assertThrows(ProblemException.class, () -> RecommendationQuery.of(k, true, null));
            assertEquals("k", e.extensions.get("field"));
        }
    }
}
