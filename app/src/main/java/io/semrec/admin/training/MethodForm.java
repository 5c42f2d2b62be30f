package io.semrec.admin.training;

import io.semrec.admin.Choice;
import io.semrec.admin.FormErrors;
import io.semrec.training.spec.InvalidParameterException;
import io.semrec.training.spec.MethodParameters;
import io.semrec.training.spec.ParameterSpec;
import io.semrec.training.spec.ParameterType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parameter fields of a training method's form, generated from its declaration (the one
 * {@code GET /api/v1/methods} serves), and the typed values read back through that declaration.
 */
final class MethodForm {

    /** Form names of parameter fields start with this, so no parameter can clash with the other fields. */
    static final String PARAM_PREFIX = "param.";

    private static final List<Choice> BOOLEAN_OPTIONS = List.of(new Choice("true", "yes"), new Choice("false", "no"));

    private MethodForm() {
    }

    /** One field per parameter, showing {@code typed} text where there is some and the default elsewhere. */
    static List<ParameterField> fields(MethodParameters method, Map<String, String> typed) {
        return method.parameters().stream().map(spec -> field(spec, typed.get(spec.name()))).toList();
    }

    /**
     * The typed values parsed and checked by their declarations; an empty field takes the default.
     * Each refused value gets its message next to its field.
     */
    static Map<String, Object> parse(MethodParameters method, Map<String, String> typed, FormErrors errors) {
        Map<String, Object> params = new LinkedHashMap<>();
        typed.forEach((name, text) -> {
            ParameterSpec spec = method.find(name);
            if (spec == null || text == null || text.isBlank()) {
                return; // fields of another method, left over from a method change, are not sent on
            }
            try {
                params.put(name, spec.parse(text));
            } catch (InvalidParameterException e) {
                errors.add(ParameterField.formName(name), e.detail());
            }
        });
        return params;
    }

    private static ParameterField field(ParameterSpec spec, String typed) {
        String value = typed != null ? typed : ParameterText.of(spec.defaultValue());
        String name = ParameterField.formName(spec.name());
        return switch (spec.type()) {
            case INTEGER -> new ParameterField(name, spec.name(), "number", "numeric", bound(spec.min()),
                    bound(spec.max()), "1", List.of(), value, hint(spec));
            case NUMBER -> new ParameterField(name, spec.name(), "number", "decimal", bound(spec.min()),
                    bound(spec.max()), "any", List.of(), value, hint(spec));
            case BOOLEAN -> new ParameterField(name, spec.name(), null, null, null, null, null, BOOLEAN_OPTIONS, value,
                    hint(spec));
            case STRING, STRING_LIST -> new ParameterField(name, spec.name(), "text", null, null, null, null,
                    spec.type() == ParameterType.STRING ? spec.allowed().stream().map(Choice::of).toList() : List.of(), value,
                    hint(spec));
        };
    }

    /** The declaration's help, then its range and default, so the form says what the API accepts. */
    private static String hint(ParameterSpec spec) {
        StringBuilder hint = new StringBuilder(spec.help());
        if (!hint.isEmpty() && !hint.toString().endsWith(".")) {
            hint.append('.');
        }
        if (spec.type() == ParameterType.STRING_LIST) {
            hint.append(" Comma-separated");
            if (!spec.allowed().isEmpty()) {
                hint.append(", each one of ").append(String.join(", ", spec.allowed()));
            }
            hint.append('.');
        } else if (spec.min() != null && spec.max() != null) {
            hint.append(" From ").append(bound(spec.min())).append(" to ").append(bound(spec.max())).append('.');
        }
        String fallback = spec.type() == ParameterType.BOOLEAN
                ? BOOLEAN_OPTIONS.stream().filter(c -> c.value().equals(String.valueOf(spec.defaultValue())))
                        .findFirst().orElseThrow().label()
                : ParameterText.of(spec.defaultValue());
        hint.append(" Default: ").append(fallback.isEmpty() ? "none" : fallback).append('.');
        return hint.toString();
    }

    private static String bound(Double value) {
        return value == null ? null : ParameterText.of(value);
    }
}
