package io.semrec.training.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrainingMethodsTest {

    @Test
    void everyMethodIsFoundByNameAndItsDefaultsResolve() {
        for (MethodParameters method : TrainingMethods.ALL) {
            assertEquals(method, TrainingMethods.find(method.method()).orElseThrow());
            assertEquals(method.parameters().size(), method.resolve(null).asMap().size());
        }
        assertTrue(TrainingMethods.find("nope").isEmpty());
    }

    @Test
    void textKnnDefaultsAreTheCalibratedConfiguration() {
        ResolvedParameters defaults = TextKnnParameters.SPEC.resolve(null);
        assertEquals(List.of("title", "brand", "categories"), defaults.getStringList(TextKnnParameters.ATTRIBUTES));
        assertEquals(0.7, defaults.getDouble(TextKnnParameters.DECAY));
        assertTrue(defaults.getInt(TextKnnParameters.DIM) <= 2000, "pgvector's HNSW limit");
    }
}
