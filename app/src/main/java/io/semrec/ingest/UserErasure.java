package io.semrec.ingest;

/** How many events an erasure request removed. */
public record UserErasure(long deleted) {
}
