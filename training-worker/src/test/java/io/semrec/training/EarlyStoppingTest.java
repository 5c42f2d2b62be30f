package io.semrec.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EarlyStoppingTest {

    @Test
    void stopsAfterPatienceEpochsWithoutImprovementAndRemembersTheBest() {
        EarlyStopping stopping = new EarlyStopping(2);
        assertTrue(stopping.record(0, 0.10));
        assertTrue(stopping.record(1, 0.12));
        assertFalse(stopping.record(2, 0.12));
        assertFalse(stopping.shouldStop());
        assertTrue(stopping.record(3, 0.13));
        assertFalse(stopping.record(4, 0.11));
        assertFalse(stopping.shouldStop());
        assertFalse(stopping.record(5, 0.05));
        assertTrue(stopping.shouldStop());
        assertEquals(3, stopping.bestEpoch());
        assertEquals(0.13, stopping.bestScore(), 0);
    }
}
