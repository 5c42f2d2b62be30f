package io.semrec.ingest;

import java.time.Instant;

/**
 * One interaction. Its identity is (user, seq) when {@code seq} is given, else (user, item, time).
 */
public record EventRecord(String userId, String itemId, Instant occurredAt, Long seq) {

    public EventRecord {
        if (occurredAt == null && seq == null) {
            throw new InvalidLineException("an event needs seq or ts (or both)");
        }
    }

    /** A text key equal for two records exactly when they are the same event. */
    public String identity() {
        return seq != null
                ? userId + '\0' + seq
                : userId + '\0' + itemId + '\0' + occurredAt;
    }
}
