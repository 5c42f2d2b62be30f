package io.semrec.ingest;

/** A catalog item to upsert: its external id and its attributes as a JSON object text. */
public record ItemRecord(String itemId, String attributesJson) {
}
