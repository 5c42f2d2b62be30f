package io.semrec.ingest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Function;

/**
 * Turns one JSON object or CSV row into a validated record. Both methods' results throw
 * {@link InvalidLineException} for a line that cannot be stored.
 */
public interface RecordSchema<T> {

    T fromJson(ObjectNode line);

    /** A reader of rows under {@code header}; throws {@link UnusableBodyException} if required columns are missing. */
    Function<List<String>, T> forCsvHeader(List<String> header);
}
