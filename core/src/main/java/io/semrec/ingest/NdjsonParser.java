package io.semrec.ingest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/** One JSON object per line; blank lines are skipped but counted. */
final class NdjsonParser<T> implements LineParser<T> {

    private final LineReader lines;
    private final RecordSchema<T> schema;
    private final String tooLong;

    NdjsonParser(LineReader lines, RecordSchema<T> schema) {
        this.lines = lines;
        this.schema = schema;
        this.tooLong = "line longer than " + lines.maxBytes() + " bytes";
    }

    @Override
    public ParsedLine<T> next() throws IOException {
        while (lines.next()) {
            long line = lines.number();
            if (lines.tooLong()) {
                return new ParsedLine.Invalid<>(line, tooLong);
            }
            if (lines.isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = IngestJson.MAPPER.readTree(lines.bytes(), 0, lines.length());
            } catch (JsonProcessingException e) {
                return new ParsedLine.Invalid<>(line, describe(e));
            }
            if (!(node instanceof ObjectNode object)) {
                return new ParsedLine.Invalid<>(line, "line is not a JSON object");
            }
            try {
                return new ParsedLine.Valid<>(line, schema.fromJson(object));
            } catch (InvalidLineException e) {
                return new ParsedLine.Invalid<>(line, e.getMessage());
            }
        }
        return null;
    }

    private static String describe(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String where = at == null || at.getColumnNr() < 1 ? "" : " at column " + at.getColumnNr();
        return "invalid JSON" + where + ": " + e.getOriginalMessage().replaceAll("\\s+", " ");
    }
}
