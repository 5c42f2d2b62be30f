package io.semrec.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ScoreMetricTest {

    @Test
    void scoresAreSimilaritiesRecoveredFromPgvectorDistances() {
        // <#> is the negative inner product; <=> is 1 - cosine similarity.
        assertEquals(5.5, ScoreMetric.DOT.scoreFromDistance(-5.5), 0);
        assertEquals(-1.5, ScoreMetric.DOT.scoreFromDistance(1.5), 0);
        assertEquals(0.75, ScoreMetric.COSINE.scoreFromDistance(0.25), 1e-12);
        assertEquals(-1.0, ScoreMetric.COSINE.scoreFromDistance(2.0), 1e-12);
    }

    @Test
    void eachMetricUsesTheMatchingOperatorAndIndexClass() {
        assertEquals("<#>", ScoreMetric.DOT.distanceOperator);
        assertEquals("vector_ip_ops", ScoreMetric.DOT.operatorClass);
        assertEquals("<=>", ScoreMetric.COSINE.distanceOperator);
        assertEquals("vector_cosine_ops", ScoreMetric.COSINE.operatorClass);
        assertEquals(ScoreMetric.COSINE, ScoreMetric.fromWireName("cosine"));
    }
}
