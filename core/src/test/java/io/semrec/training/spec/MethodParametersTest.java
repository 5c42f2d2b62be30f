package io.semrec.training.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MethodParametersTest {

    private final MethodParameters method = new MethodParameters("demo", "a test method", List.of(
            ParameterSpec.integer("dim", 256, 8, 2000, "vector width"),
            ParameterSpec.number("decay", 0.7, 0, 1, "recency decay"),
            ParameterSpec.bool("sublinearTf", true, "log-scaled term counts"),
            ParameterSpec.string("reduction", "svd", List.of("svd", "none"), "how to shrink vectors"),
            ParameterSpec.stringList("attributes", List.of("title", "brand"), 1, 3, "item text fields")));

    @Test
    void absentAndNullValuesTakeTheDefaults() {
        Map<String, Object> given = new HashMap<>();
        given.put("decay", null);
        ResolvedParameters resolved = method.resolve(given);
        assertEquals(256, resolved.getInt("dim"));
        assertEquals(0.7, resolved.getDouble("decay"));
        assertEquals(true, resolved.getBoolean("sublinearTf"));
        assertEquals("svd", resolved.getString("reduction"));
        assertEquals(List.of("title", "brand"), resolved.getStringList("attributes"));
        assertEquals(List.of("dim", "decay", "sublinearTf", "reduction", "attributes"),
                List.copyOf(resolved.asMap().keySet()));
    }

    @Test
    void acceptsJsonShapedValuesAndNormalisesTheirTypes() {
        ResolvedParameters resolved = method.resolve(Map.of(
                "dim", 64L, "decay", 1, "sublinearTf", false, "reduction", "none",
                "attributes", List.of("title")));
        assertEquals(64, resolved.getInt("dim"));
        assertEquals(1.0, resolved.getDouble("decay"));
        assertEquals(false, resolved.getBoolean("sublinearTf"));
        assertEquals(List.of("title"), resolved.getStringList("attributes"));
        assertEquals(128, method.resolve(Map.of("dim", new BigDecimal("128.0"))).getInt("dim"));
    }

    @Test
    void errorsNameTheField() {
        assertInvalid("dim", "must be between 8 and 2000", Map.of("dim", 4));
        assertInvalid("dim", "must be an integer", Map.of("dim", 12.5));
        assertInvalid("dim", "must be an integer", Map.of("dim", "256"));
        assertInvalid("decay", "must be between 0 and 1", Map.of("decay", 1.5));
        assertInvalid("decay", "must be a number", Map.of("decay", Double.NaN));
        assertInvalid("sublinearTf", "must be true or false", Map.of("sublinearTf", "yes"));
        assertInvalid("reduction", "must be one of svd, none", Map.of("reduction", "pca"));
        assertInvalid("attributes", "must have between 1 and 3 elements", Map.of("attributes", List.of()));
        assertInvalid("attributes", "must be a list of strings", Map.of("attributes", List.of(1)));
        assertInvalid("attributes", "must be a list of strings", Map.of("attributes", "title"));
        assertInvalid("attributes", "elements must not be blank", Map.of("attributes", List.of(" ")));
        assertInvalid("epochs", "is not a parameter of demo", Map.of("epochs", 3));
    }

    @Test
    void parsesTextValues() {
        ResolvedParameters resolved = method.resolveText(Map.of(
                "dim", "512", "decay", "0.5", "sublinearTf", "FALSE", "attributes", "title, categories"));
        assertEquals(512, resolved.getInt("dim"));
        assertEquals(0.5, resolved.getDouble("decay"));
        assertEquals(false, resolved.getBoolean("sublinearTf"));
        assertEquals(List.of("title", "categories"), resolved.getStringList("attributes"));
        InvalidParameterException error = assertThrows(InvalidParameterException.class,
                () -> method.resolveText(Map.of("dim", "many")));
        assertEquals("dim", error.field());
    }

    @Test
    void defaultsMustThemselvesBeValid() {
        ParameterSpec outOfRange = ParameterSpec.integer("dim", 1, 8, 2000, "vector width");
        assertThrows(InvalidParameterException.class,
                () -> new MethodParameters("broken", "bad default", List.of(outOfRange)));
    }

    private void assertInvalid(String field, String detail, Map<String, ?> given) {
        InvalidParameterException error = assertThrows(InvalidParameterException.class, () -> method.resolve(given));
        assertEquals(field, error.field());
        assertEquals(detail, error.detail());
    }
}
