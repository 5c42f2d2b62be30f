package io.semrec.method;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MethodSpecTest {

    private static final MethodSpec SPEC = new MethodSpec("toy", "a toy", List.of(
            ParamSpec.integer("epochs", 10, 1, 100, "passes over the data"),
            ParamSpec.decimal("lr", 0.001, 1e-6, 1.0, "learning rate"),
            ParamSpec.flag("shuffle", true, "shuffle each epoch"),
            ParamSpec.choice("loss", "bce", List.of("bce", "ce"), "training loss")));

    @Test
    void fillsDefaultsInDeclarationOrder() {
        MethodParams params = SPEC.resolve(Map.of("lr", 0.01));
        assertEquals(List.of("epochs", "lr", "shuffle", "loss"), List.copyOf(params.asMap().keySet()));
        assertEquals(10, params.getInt("epochs"));
        assertEquals(0.01, params.getDouble("lr"));
        assertTrue(params.getBoolean("shuffle"));
        assertEquals("bce", params.getString("loss"));
    }

    @Test
    void acceptsWholeNumbersOfAnyJsonShape() {
        assertEquals(5, SPEC.resolve(Map.of("epochs", 5L)).getInt("epochs"));
        assertEquals(5, SPEC.resolve(Map.of("epochs", 5.0)).getInt("epochs"));
        assertEquals(7, SPEC.resolve(Map.of("epochs", BigInteger.valueOf(7))).getInt("epochs"));
        assertEquals(1.0, SPEC.resolve(Map.of("lr", 1)).getDouble("lr"));
    }

    @Test
    void rejectionsNameTheParameter() {
        assertRejected(Map.of("epochs", 2.5), "epochs", "integer");
        assertRejected(Map.of("epochs", "10"), "epochs", "integer");
        assertRejected(Map.of("epochs", 0), "epochs", "between 1 and 100");
        assertRejected(Map.of("lr", 2.0), "lr", "between");
        assertRejected(Map.of("lr", "fast"), "lr", "number");
        assertRejected(Map.of("shuffle", "yes"), "shuffle", "true or false");
        assertRejected(Map.of("loss", "mse"), "loss", "one of bce, ce");
        assertRejected(Map.of("layers", 2), "layers", "epochs, lr, shuffle, loss");
    }

    private static void assertRejected(Map<String, Object> params, String param, String detail) {
        InvalidParamException e = assertThrows(InvalidParamException.class, () -> SPEC.resolve(params));
        assertEquals(param, e.param);
        assertTrue(e.getMessage().contains(detail), e.getMessage());
    }
}
