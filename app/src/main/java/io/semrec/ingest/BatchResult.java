package io.semrec.ingest;

import java.util.List;

/** What the database did with one batch; rows neither inserted, updated nor rejected were unchanged. */
record BatchResult(long inserted, long updated, List<LineError> rejected) {
}
