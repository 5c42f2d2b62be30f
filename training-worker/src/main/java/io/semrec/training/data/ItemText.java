package io.semrec.training.data;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The text of an item, from its attributes: chosen values joined by spaces, or a template filled in. */
public final class ItemText {

    /** A placeholder in a template: {@code {attribute}}. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]+)}");

    private ItemText() {
    }

    /**
     * The values of {@code keys}, in that order, joined by spaces. Strings, numbers and booleans are
     * taken as written; lists and nested objects contribute their values in order; absent attributes
     * contribute nothing.
     */
    public static String of(Map<String, Object> attributes, List<String> keys) {
        StringBuilder text = new StringBuilder();
        for (String key : keys) {
            append(text, attributes.get(key));
        }
        return text.toString();
    }

    /**
     * {@code template} with every {@code {attribute}} replaced by the attribute's value (as {@link #of}
     * renders one; empty when absent), runs of whitespace collapsed to one space.
     */
    public static String fromTemplate(Map<String, Object> attributes, String template) {
        Matcher placeholder = PLACEHOLDER.matcher(template);
        StringBuilder text = new StringBuilder();
        while (placeholder.find()) {
            String value = of(attributes, List.of(placeholder.group(1).strip()));
            placeholder.appendReplacement(text, Matcher.quoteReplacement(value));
        }
        placeholder.appendTail(text);
        return text.toString().replaceAll("\\s+", " ").strip();
    }

    private static void append(StringBuilder text, Object value) {
        if (value == null) {
            return;
        }
        if (value instanceof Collection<?> values) {
            values.forEach(element -> append(text, element));
        } else if (value instanceof Map<?, ?> object) {
            object.values().forEach(element -> append(text, element));
        } else {
            if (!text.isEmpty()) {
                text.append(' ');
            }
            text.append(value);
        }
    }
}
