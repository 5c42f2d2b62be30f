package io.semrec.ingest;

import java.util.List;

/**
 * The outcome of one import: {@code accepted} rows were new, {@code updated} existed with other
 * content, {@code unchanged} existed as sent, {@code rejected} lines were not stored; {@code errors}
 * lists the first of them by line number.
 */
public record IngestReport(long accepted, long updated, long unchanged, long rejected, List<LineError> errors) {
}
