package io.semrec.training.data;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a training run read, recorded on the model so its results can be reproduced.
 *
 * @param maxEventId highest event id in the snapshot (for a dataset folder: the last event's row
 *     number); an id watermark alone is not a snapshot, since ids commit out of order
 * @param takenAt when the snapshot's transaction started
 */
public record SnapshotInfo(long eventCount, int userCount, int itemCount, long maxEventId, Instant takenAt) {

    /** The form stored in {@code model.data_snapshot}. */
    public Map<String, Object> asMap() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("eventCount", eventCount);
        values.put("userCount", userCount);
        values.put("itemCount", itemCount);
        values.put("maxEventId", maxEventId);
        values.put("takenAt", takenAt.toString());
        return values;
    }
}
