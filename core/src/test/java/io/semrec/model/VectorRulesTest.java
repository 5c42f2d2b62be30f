package io.semrec.model;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class VectorRulesTest {

    @Test
    void acceptsFiniteVectorsOfTheExpectedWidth() {
        assertNull(VectorRules.problem(new float[] {0.5f, -1f}, VectorRules.ANY_DIM));
        assertNull(VectorRules.problem(new float[] {0.5f, -1f}, 2));
        assertNull(VectorRules.problem(new float[Model.MAX_DIM], VectorRules.ANY_DIM));
    }

    @Test
    void namesWhatIsWrong() {
        assertTrue(VectorRules.problem(new float[0], VectorRules.ANY_DIM).contains("1 to 2000"));
        assertTrue(VectorRules.problem(new float[Model.MAX_DIM + 1], VectorRules.ANY_DIM).contains("2001"));
        assertTrue(VectorRules.problem(new float[] {1, 2, 3}, 2).contains("differs"));
        assertTrue(VectorRules.problem(new float[] {1, Float.NaN}, 2).contains("element 1"));
        assertTrue(VectorRules.problem(new float[] {Float.POSITIVE_INFINITY}, 1).contains("element 0"));
    }
}
