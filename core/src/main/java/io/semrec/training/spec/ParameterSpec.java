package io.semrec.training.spec;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One parameter of a training method: enough for the API to validate a value and for the admin UI
 * to render a form field.
 *
 * @param defaultValue used when the parameter is absent; of the Java type {@link #validate} returns
 * @param min inclusive lower bound for numbers, minimum length for lists; null when unbounded
 * @param max inclusive upper bound for numbers, maximum length for lists; null when unbounded
 * @param allowed the permitted values of a string or of each list element; empty when free
 * @param help one line for forms and the API's method listing
 */
public record ParameterSpec(
        String name, ParameterType type, Object defaultValue, Double min, Double max, List<String> allowed, String help) {

    public ParameterSpec {
        allowed = List.copyOf(allowed);
    }

    public static ParameterSpec integer(String name, int defaultValue, int min, int max, String help) {
        return new ParameterSpec(name, ParameterType.INTEGER, defaultValue, (double) min, (double) max, List.of(), help);
    }

    public static ParameterSpec number(String name, double defaultValue, double min, double max, String help) {
        return new ParameterSpec(name, ParameterType.NUMBER, defaultValue, min, max, List.of(), help);
    }

    public static ParameterSpec bool(String name, boolean defaultValue, String help) {
        return new ParameterSpec(name, ParameterType.BOOLEAN, defaultValue, null, null, List.of(), help);
    }

    public static ParameterSpec string(String name, String defaultValue, List<String> allowed, String help) {
        return new ParameterSpec(name, ParameterType.STRING, defaultValue, null, null, allowed, help);
    }

    /** A list of strings of {@code minSize..maxSize} elements, each free text. */
    public static ParameterSpec stringList(
            String name, List<String> defaultValue, int minSize, int maxSize, String help) {
        return new ParameterSpec(name, ParameterType.STRING_LIST, defaultValue, (double) minSize, (double) maxSize,
                List.of(), help);
    }

    /**
     * Checks a JSON-shaped value (Jackson's Integer/Long/Double/BigDecimal, Boolean, String, List)
     * and returns it as Integer, Double, Boolean, String or List&lt;String&gt;.
     *
     * @throws InvalidParameterException naming this parameter
     */
    public Object validate(Object value) {
        return switch (type) {
            case INTEGER -> checkRange(integerValue(value));
            case NUMBER -> checkRange(numberValue(value));
            case BOOLEAN -> {
                if (!(value instanceof Boolean flag)) {
                    throw new InvalidParameterException(name, "must be true or false");
                }
                yield flag;
            }
            case STRING -> checkAllowed(stringValue(value, "must be a string"));
            case STRING_LIST -> listValue(value);
        };
    }

    /**
     * Reads a value written as text (command line, forms): lists are comma-separated.
     *
     * @throws InvalidParameterException naming this parameter
     */
    public Object parse(String text) {
        String trimmed = text.strip();
        Object value = switch (type) {
            case INTEGER -> parseNumber(trimmed, "must be an integer");
            case NUMBER -> parseNumber(trimmed, "must be a number");
            case BOOLEAN -> switch (trimmed.toLowerCase(Locale.ROOT)) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                default -> throw new InvalidParameterException(name, "must be true or false");
            };
            case STRING -> trimmed;
            case STRING_LIST -> trimmed.isEmpty() ? List.of()
                    : Arrays.stream(trimmed.split(",")).map(String::strip).toList();
        };
        return validate(value);
    }

    private BigDecimal parseNumber(String text, String detail) {
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new InvalidParameterException(name, detail);
        }
    }

    private Integer integerValue(Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger || value instanceof BigDecimal || value instanceof Double
                || value instanceof Float) {
            BigDecimal decimal = new BigDecimal(value.toString());
            try {
                return decimal.intValueExact();
            } catch (ArithmeticException e) {
                throw new InvalidParameterException(name, "must be an integer");
            }
        }
        throw new InvalidParameterException(name, "must be an integer");
    }

    private Double numberValue(Object value) {
        if (!(value instanceof Number number) || !Double.isFinite(number.doubleValue())) {
            throw new InvalidParameterException(name, "must be a number");
        }
        return number.doubleValue();
    }

    private String stringValue(Object value, String detail) {
        if (!(value instanceof String text)) {
            throw new InvalidParameterException(name, detail);
        }
        return text;
    }

    private <T extends Number> T checkRange(T value) {
        double x = value.doubleValue();
        if ((min != null && x < min) || (max != null && x > max)) {
            throw new InvalidParameterException(name, "must be between " + bound(min) + " and " + bound(max));
        }
        return value;
    }

    private String checkAllowed(String value) {
        if (!allowed.isEmpty() && !allowed.contains(value)) {
            throw new InvalidParameterException(name, "must be one of " + String.join(", ", allowed));
        }
        return value;
    }

    private List<String> listValue(Object value) {
        if (!(value instanceof List<?> list)) {
            throw new InvalidParameterException(name, "must be a list of strings");
        }
        if ((min != null && list.size() < min) || (max != null && list.size() > max)) {
            throw new InvalidParameterException(name,
                    "must have between " + bound(min) + " and " + bound(max) + " elements");
        }
        List<String> strings = new ArrayList<>(list.size());
        for (Object element : list) {
            String text = stringValue(element, "must be a list of strings");
            if (text.isBlank()) {
                throw new InvalidParameterException(name, "elements must not be blank");
            }
            strings.add(checkAllowed(text));
        }
        return List.copyOf(strings);
    }

    private static String bound(Double value) {
        if (value == null) {
            return "any";
        }
        return value == Math.rint(value) ? Long.toString(value.longValue()) : value.toString();
    }
}
