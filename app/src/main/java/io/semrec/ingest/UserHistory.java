package io.semrec.ingest;

import java.time.OffsetDateTime;
import java.util.List;

/** A user's most recent events, newest first. */
public record UserHistory(String userId, List<Event> events) {

    /** One event; {@code seq} or {@code occurredAt} may be null, never both. */
    public record Event(String itemId, Long seq, OffsetDateTime occurredAt) {
    }
}
