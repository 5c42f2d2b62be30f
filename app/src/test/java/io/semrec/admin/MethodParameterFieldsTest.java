package io.semrec.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.semrec.training.spec.MethodParameters;
import io.semrec.training.spec.ParameterSpec;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MethodParameterFieldsTest {

    private static final MethodParameters METHOD = new MethodParameters("m", "a method", List.of(
            ParameterSpec.integer("dim", 64, 8, 1024, "vector width"),
            ParameterSpec.number("lr", 1e-4, 1e-6, 1, "learning rate"),
            ParameterSpec.bool("refit", true, "train again on everything"),
            ParameterSpec.string("loss", "ce", List.of("ce", "bce"), "loss"),
            ParameterSpec.stringList("attributes", List.of("title", "brand"), 1, 5, "item text")));

    @Test
    void fieldsFollowTheDeclaration() {
        List<MethodParameterFields.Field> fields = MethodParameterFields.of(METHOD, Map.of("dim", "abc"));
        MethodParameterFields.Field dim = fields.get(0);
        assertEquals("param.dim", dim.name());
        assertEquals("number", dim.type());
        assertEquals("8", dim.min());
        assertEquals("1024", dim.max());
        assertEquals("1", dim.step());
        assertEquals("abc", dim.value(), "what was typed stays");
        assertEquals("vector width. Default 64; 8 to 1024.", dim.hint());
        MethodParameterFields.Field lr = fields.get(1);
        assertEquals("0.0001", lr.value());
        assertEquals("0.000001", lr.min());
        assertEquals("any", lr.step());
        assertEquals("decimal", lr.inputmode());
        MethodParameterFields.Field refit = fields.get(2);
        assertEquals(List.of(new Choice("true", "yes"), new Choice("false", "no")), refit.options());
        assertEquals("train again on everything. Default yes.", refit.hint());
        assertEquals(List.of(Choice.of("ce"), Choice.of("bce")), fields.get(3).options());
        MethodParameterFields.Field attributes = fields.get(4);
        assertEquals("text", attributes.type());
        assertEquals("title, brand", attributes.value());
        assertNull(attributes.min());
        assertNull(attributes.options());
        assertEquals("item text. Default title, brand; separate entries with commas.", attributes.hint());
    }

    @Test
    void typedValuesAreParsedByTheDeclarationAndEachRefusalNamesItsField() {
        FormErrors errors = FormErrors.none();
        Map<String, Object> params = MethodParameterFields.parse(METHOD, Map.of("dim", "4096", "lr", "0.01",
                "refit", "false", "loss", "", "attributes", "title , categories", "layers", "3"), errors);
        assertEquals(Map.of("lr", 0.01, "refit", false, "attributes", List.of("title", "categories")), params,
                "blank fields take the default; other methods' fields are ignored");
        assertEquals("must be between 8 and 1024", errors.get("param.dim"));
        assertTrue(errors.any());

        FormErrors none = FormErrors.none();
        assertEquals(Map.of("dim", 128), MethodParameterFields.parse(METHOD, Map.of("dim", " 128 ", "loss", "ce"), none),
                "a value equal to its default is left to the default");
        assertFalse(none.any());
    }

    @Test
    void valuesAndDurationsAreWrittenPlainly() {
        assertEquals("0.0001", MethodParameterFields.text(1e-4));
        assertEquals("2", MethodParameterFields.text(2.0));
        assertEquals("0.5", MethodParameterFields.text(new BigDecimal("0.50")));
        assertEquals("64", MethodParameterFields.text(64));
        assertEquals("a, b", MethodParameterFields.text(List.of("a", "b")));
        assertNull(Durations.duration(null));
        assertEquals("0 s", Durations.duration(0.2));
        assertEquals("59 s", Durations.duration(59.4));
        assertEquals("1 min 00 s", Durations.duration(59.6));
        assertEquals("59 min 59 s", Durations.duration(3599.0));
        assertEquals("1 h 01 min", Durations.duration(3661.0));
    }
}
