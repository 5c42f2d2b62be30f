package io.semrec.ingest;

/** Why one line of an import was rejected. */
public record LineError(long line, String reason) {
}
