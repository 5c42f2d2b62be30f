package io.semrec.training.spec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A training method's name, one-line description and declared parameters.
 *
 * @param refreshable whether its models can be refreshed: extended with items added after training,
 *     without retraining (a job of kind {@code refresh})
 */
public record MethodParameters(String method, String description, List<ParameterSpec> parameters,
        boolean refreshable) {

    public MethodParameters {
        parameters = List.copyOf(parameters);
        for (ParameterSpec spec : parameters) {
            spec.validate(spec.defaultValue());
        }
    }

    /** A method whose models cannot be refreshed. */
    public MethodParameters(String method, String description, List<ParameterSpec> parameters) {
        this(method, description, parameters, false);
    }

    /** The same declaration, for a method whose models can be refreshed. */
    public MethodParameters withRefresh() {
        return new MethodParameters(method, description, parameters, true);
    }

    /**
     * Validates submitted parameters and fills in defaults. Absent or null values take the default;
     * names the method does not declare are rejected.
     *
     * @throws InvalidParameterException naming the first offending field
     */
    public ResolvedParameters resolve(Map<String, ?> submitted) {
        Map<String, ?> given = submitted == null ? Map.of() : submitted;
        for (String name : given.keySet()) {
            if (find(name) == null) {
                throw new InvalidParameterException(name, "is not a parameter of " + method);
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (ParameterSpec spec : parameters) {
            Object value = given.get(spec.name());
            values.put(spec.name(), value == null ? spec.defaultValue() : spec.validate(value));
        }
        return new ResolvedParameters(method, values);
    }

    /**
     * Like {@link #resolve} for values written as text ({@code dim=256}, lists comma-separated).
     */
    public ResolvedParameters resolveText(Map<String, String> submitted) {
        Map<String, Object> parsed = new LinkedHashMap<>();
        submitted.forEach((name, text) -> {
            ParameterSpec spec = find(name);
            if (spec == null) {
                throw new InvalidParameterException(name, "is not a parameter of " + method);
            }
            parsed.put(name, spec.parse(text));
        });
        return resolve(parsed);
    }

    /** The declared parameter of that name, or null. */
    public ParameterSpec find(String name) {
        for (ParameterSpec spec : parameters) {
            if (spec.name().equals(name)) {
                return spec;
            }
        }
        return null;
    }
}
