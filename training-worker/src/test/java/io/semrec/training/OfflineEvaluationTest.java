package io.semrec.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class OfflineEvaluationTest {

    @Test
    void listValuesContinueAfterCommas() {
        assertEquals(Map.of("attributes", "title,brand", "dim", "128", "decay", "0.5"),
                OfflineEvaluation.parseParams("attributes=title,brand,dim=128,decay=0.5"));
        assertEquals(Map.of(), OfflineEvaluation.parseParams(""));
        assertThrows(IllegalArgumentException.class, () -> OfflineEvaluation.parseParams("title,dim=3"));
    }
}
