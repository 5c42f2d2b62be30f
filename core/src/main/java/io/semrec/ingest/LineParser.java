package io.semrec.ingest;

import java.io.IOException;
import java.io.InputStream;

/** Streams the lines of an import body, one parsed line at a time, never holding the whole body. */
public interface LineParser<T> {

    /** The next non-blank line, or null at the end of the body. */
    ParsedLine<T> next() throws IOException;

    /**
     * Opens a parser over {@code body}. For CSV this reads the header at once, so a body that
     * cannot be imported at all fails here with {@link UnusableBodyException}.
     */
    static <T> LineParser<T> open(IngestFormat format, InputStream body, int maxLineBytes, RecordSchema<T> schema)
            throws IOException {
        ByteCursor cursor = new ByteCursor(body);
        return switch (format) {
            case NDJSON -> new NdjsonParser<>(new LineReader(cursor, maxLineBytes), schema);
            case CSV -> CsvParser.open(new CsvTokenizer(cursor, maxLineBytes), schema);
        };
    }
}
