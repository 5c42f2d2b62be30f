package io.semrec.ingest;

import java.util.List;

/** One CSV record: the line it starts on, its fields, or why it cannot be read ({@code error} non-null). */
record CsvRecord(long line, List<String> fields, String error) {
}
