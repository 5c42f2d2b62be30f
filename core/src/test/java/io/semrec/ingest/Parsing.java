package io.semrec.ingest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Test helper: parses a whole body given as text or bytes. */
final class Parsing {

    static final int MAX_LINE_BYTES = 1024;

    private Parsing() {
    }

    static <T> List<ParsedLine<T>> parse(IngestFormat format, String body, RecordSchema<T> schema) {
        return parse(format, body.getBytes(StandardCharsets.UTF_8), schema);
    }

    static <T> List<ParsedLine<T>> parse(IngestFormat format, byte[] body, RecordSchema<T> schema) {
        try {
            LineParser<T> parser = LineParser.open(format, new ByteArrayInputStream(body), MAX_LINE_BYTES, schema);
            List<ParsedLine<T>> lines = new ArrayList<>();
            for (ParsedLine<T> line = parser.next(); line != null; line = parser.next()) {
                lines.add(line);
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static <T> T value(ParsedLine<T> line) {
        if (line instanceof ParsedLine.Valid<T> valid) {
            return valid.value();
        }
        throw new AssertionError("expected a valid line, got " + line);
    }

    static String reason(ParsedLine<?> line) {
        if (line instanceof ParsedLine.Invalid<?> invalid) {
            return invalid.reason();
        }
        throw new AssertionError("expected an invalid line, got " + line);
    }
}
