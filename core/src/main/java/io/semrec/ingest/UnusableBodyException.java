package io.semrec.ingest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The whole body cannot be imported (for example a CSV header without a required column). */
public class UnusableBodyException extends RuntimeException {

    /** Machine-readable details for the problem response, such as {@code missingColumns}. */
    public final Map<String, Object> details;

    public UnusableBodyException(String detail, Map<String, Object> details) {
        super(detail);
        this.details = new LinkedHashMap<>(details);
    }

    /** A CSV header without the named columns (an entry may name alternatives, such as "seq or ts"). */
    public static UnusableBodyException missingColumns(List<String> missing, List<String> columns) {
        return new UnusableBodyException("the CSV header lacks required columns: " + String.join(", ", missing)
                + " (it has: " + String.join(", ", columns) + ")",
                Map.of("missingColumns", missing, "columns", columns));
    }
}
