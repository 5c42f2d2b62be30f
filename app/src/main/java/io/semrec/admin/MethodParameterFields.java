package io.semrec.admin;

import io.semrec.training.spec.InvalidParameterException;
import io.semrec.training.spec.MethodParameters;
import io.semrec.training.spec.ParameterSpec;
import io.semrec.training.spec.ParameterType;
import jakarta.ws.rs.core.MultivaluedMap;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Form fields generated from a training method's parameter declaration ({@link MethodParameters}),
 * and the text typed into them read back with the declaration's own parsing and validation. Each
 * field's form name is {@code param.<parameter>}, so no parameter clashes with a form's own fields.
 */
public final class MethodParameterFields {

    static final String PREFIX = "param.";

    private static final List<Choice> YES_NO = List.of(new Choice("true", "yes"), new Choice("false", "no"));

    /**
     * One field: with {@code options} a select ({@code choice} tag), else a text input ({@code field} tag).
     *
     * @param name the form name, {@code param.<parameter>}; also the key of its error message
     */
    public record Field(String name, String label, String value, String hint, String inputmode, List<Choice> options) {
    }

    private MethodParameterFields() {
    }

    /** The method's fields, each showing {@code shown}'s text for it, or its default. */
    public static List<Field> of(MethodParameters method, Map<String, String> shown) {
        return method.parameters().stream()
                .map(spec -> field(spec, shown.getOrDefault(spec.name(), text(spec.defaultValue())))).toList();
    }

    /** Stored parameter values as the form shows them (numbers in plain notation, lists comma-separated). */
    public static Map<String, String> text(Map<String, ?> values) {
        Map<String, String> text = new LinkedHashMap<>();
        values.forEach((name, value) -> text.put(name, text(value)));
        return text;
    }

    /** The posted parameter fields' text by parameter name. */
    public static Map<String, String> typed(MultivaluedMap<String, String> form) {
        Map<String, String> typed = new LinkedHashMap<>();
        form.forEach((name, values) -> {
            if (name.startsWith(PREFIX) && !values.isEmpty()) {
                typed.put(name.substring(PREFIX.length()), values.get(0));
            }
        });
        return typed;
    }

    /**
     * The typed values that differ from their defaults, parsed and checked by the declaration (so
     * a later, better default still applies to the rest); each refusal goes next to its field.
     */
    public static Map<String, Object> parse(MethodParameters method, Map<String, String> typed, FormErrors errors) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (ParameterSpec spec : method.parameters()) {
            String text = typed.get(spec.name());
            if (text == null || text.isBlank()) {
                continue;
            }
            try {
                Object value = spec.parse(text);
                if (!value.equals(spec.defaultValue())) {
                    values.put(spec.name(), value);
                }
            } catch (InvalidParameterException e) {
                errors.add(PREFIX + spec.name(), e.detail());
            }
        }
        return values;
    }

    private static Field field(ParameterSpec spec, String value) {
        List<Choice> options = switch (spec.type()) {
            case BOOLEAN -> YES_NO;
            case STRING -> spec.allowed().stream().map(Choice::of).toList();
            default -> List.of();
        };
        String inputmode = spec.type() == ParameterType.INTEGER ? "numeric"
                : spec.type() == ParameterType.NUMBER ? "decimal" : null;
        return new Field(PREFIX + spec.name(), spec.name(), value, hint(spec), inputmode,
                options.isEmpty() ? null : options);
    }

    private static String hint(ParameterSpec spec) {
        StringBuilder hint = new StringBuilder(spec.help()).append(". Default ")
                .append(spec.type() == ParameterType.BOOLEAN ? ((Boolean) spec.defaultValue() ? "yes" : "no")
                        : text(spec.defaultValue()));
        if (spec.type() == ParameterType.STRING_LIST) {
            hint.append("; separate entries with commas");
        } else if (spec.min() != null && spec.max() != null) {
            hint.append("; ").append(text(spec.min())).append(" to ").append(text(spec.max()));
        }
        return hint.append('.').toString();
    }

    private static String text(Object value) {
        if (value instanceof List<?> list) {
            return String.join(", ", list.stream().map(String::valueOf).toList());
        }
        if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
            return new BigDecimal(value.toString()).stripTrailingZeros().toPlainString();
        }
        return String.valueOf(value);
    }
}
