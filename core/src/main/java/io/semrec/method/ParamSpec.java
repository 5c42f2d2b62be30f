package io.semrec.method;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One declared parameter of a training method: what the API validates and the admin UI renders.
 *
 * @param defaultValue used when a job leaves the parameter out
 * @param min inclusive lower bound of a number, or null
 * @param max inclusive upper bound of a number, or null
 * @param choices the allowed values of a string, or empty for any string
 * @param help one line for humans
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ParamSpec(
        String name,
        ParamType type,
        @JsonProperty("default") Object defaultValue,
        Number min,
        Number max,
        List<String> choices,
        String help) {

    public ParamSpec {
        choices = List.copyOf(choices);
    }

    public static ParamSpec integer(String name, int defaultValue, int min, int max, String help) {
        return new ParamSpec(name, ParamType.INT, defaultValue, min, max, List.of(), help);
    }

    public static ParamSpec decimal(String name, double defaultValue, double min, double max, String help) {
        return new ParamSpec(name, ParamType.DOUBLE, defaultValue, min, max, List.of(), help);
    }

    public static ParamSpec flag(String name, boolean defaultValue, String help) {
        return new ParamSpec(name, ParamType.BOOLEAN, defaultValue, null, null, List.of(), help);
    }

    public static ParamSpec choice(String name, String defaultValue, List<String> choices, String help) {
        return new ParamSpec(name, ParamType.STRING, defaultValue, null, null, choices, help);
    }

    /** The value as the method receives it (Integer, Double, Boolean or String), or an exception naming this parameter. */
    public Object accept(Object value) {
        return switch (type) {
            case INT -> inRange(asInteger(value));
            case DOUBLE -> inRange(asDouble(value));
            case BOOLEAN -> {
                if (!(value instanceof Boolean flag)) {
                    throw invalid("must be true or false");
                }
                yield flag;
            }
            case STRING -> {
                if (!(value instanceof String text)) {
                    throw invalid("must be a string");
                }
                if (!choices.isEmpty() && !choices.contains(text)) {
                    throw invalid("must be one of " + String.join(", ", choices));
                }
                yield text;
            }
        };
    }

    private Integer asInteger(Object value) {
        if (value instanceof Number number) {
            double v = number.doubleValue();
            if (v == Math.rint(v) && Math.abs(v) <= Integer.MAX_VALUE) {
                return (int) v;
            }
        }
        throw invalid("must be an integer");
    }

    private Double asDouble(Object value) {
        if (value instanceof Number number && Double.isFinite(number.doubleValue())) {
            return number.doubleValue();
        }
        throw invalid("must be a number");
    }

    private <N extends Number> N inRange(N value) {
        double v = value.doubleValue();
        if (min != null && v < min.doubleValue() || max != null && v > max.doubleValue()) {
            throw invalid(min == null ? "must be at most " + max
                    : max == null ? "must be at least " + min
                    : "must be between " + min + " and " + max);
        }
        return value;
    }

    private InvalidParamException invalid(String detail) {
        return new InvalidParamException(name, detail);
    }
}
