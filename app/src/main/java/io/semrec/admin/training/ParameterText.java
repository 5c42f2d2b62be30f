package io.semrec.admin.training;

import java.math.BigDecimal;
import java.util.List;

/** A training parameter's value as the admin pages write it: plain decimals, lists comma-separated. */
public final class ParameterText {

    private ParameterText() {
    }

    public static String of(Object value) {
        if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
            // 1.0E-4 and 0.00010 both read 0.0001, so stored values compare with declared ones
            return new BigDecimal(value.toString()).stripTrailingZeros().toPlainString();
        }
        if (value instanceof List<?> list) {
            return String.join(", ", list.stream().map(String::valueOf).toList());
        }
        return String.valueOf(value);
    }
}
