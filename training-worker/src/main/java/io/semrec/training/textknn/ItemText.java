package io.semrec.training.textknn;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/** The text of an item: the values of chosen attributes, in the order chosen, joined by spaces. */
public final class ItemText {

    private ItemText() {
    }

    /**
     * Strings, numbers and booleans are taken as written; lists and nested objects contribute their
     * values in order; absent attributes contribute nothing.
     */
    public static String of(Map<String, Object> attributes, List<String> keys) {
        StringBuilder text = new StringBuilder();
        for (String key : keys) {
            append(text, attributes.get(key));
        }
        return text.toString();
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
