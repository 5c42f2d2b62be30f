package io.semrec.ingest;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** CSV with a header line naming the columns; each later record must have as many fields. */
final class CsvParser<T> implements LineParser<T> {

    private final CsvTokenizer records;
    private final int width;
    private final Function<List<String>, T> rows;

    private CsvParser(CsvTokenizer records, int width, Function<List<String>, T> rows) {
        this.records = records;
        this.width = width;
        this.rows = rows;
    }

    static <T> CsvParser<T> open(CsvTokenizer records, RecordSchema<T> schema) throws IOException {
        CsvRecord header = records.next();
        if (header == null) {
            throw new UnusableBodyException("the CSV body is empty: its first line must be a header naming the columns",
                    Map.of());
        }
        if (header.error() != null) {
            throw new UnusableBodyException("the CSV header (line " + header.line() + ") cannot be read: " + header.error(),
                    Map.of());
        }
        // Spaces around header names are layout, not part of the name ("user_id, item_id").
        List<String> columns = header.fields().stream().map(String::strip).toList();
        checkColumnNames(columns);
        return new CsvParser<>(records, columns.size(), schema.forCsvHeader(columns));
    }

    @Override
    public ParsedLine<T> next() throws IOException {
        CsvRecord record = records.next();
        if (record == null) {
            return null;
        }
        if (record.error() != null) {
            return new ParsedLine.Invalid<>(record.line(), record.error());
        }
        if (record.fields().size() != width) {
            return new ParsedLine.Invalid<>(record.line(),
                    "expected " + width + " fields as in the header, found " + record.fields().size());
        }
        try {
            return new ParsedLine.Valid<>(record.line(), rows.apply(record.fields()));
        } catch (InvalidLineException e) {
            return new ParsedLine.Invalid<>(record.line(), e.getMessage());
        }
    }

    private static void checkColumnNames(List<String> columns) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < columns.size(); i++) {
            String name = columns.get(i);
            if (name.isEmpty() || name.indexOf('\0') >= 0) {
                throw new UnusableBodyException("CSV header column " + (i + 1) + " has no usable name",
                        Map.of("columns", columns));
            }
            if (!seen.add(name)) {
                throw new UnusableBodyException("CSV header names column '" + name + "' twice", Map.of("columns", columns));
            }
        }
    }
}
