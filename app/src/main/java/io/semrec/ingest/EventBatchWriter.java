package io.semrec.ingest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes events. Those with a sequence number are upserted on (user, seq) — a changed item or
 * time counts as an update; those without are inserted once per (user, item, time). Events whose
 * item the catalog lacks are rejected by line.
 */
final class EventBatchWriter implements BatchWriter<EventRecord> {

    private static final String STAGING = "ingest_event_staging";

    /*
     * Item ids are resolved by a correlated subquery, which is always one unique-index lookup per
     * row. A join would be planned from statistics, and right after a bulk item import those are
     * stale: the planner then believes the catalog has almost no items and may scan them all for
     * every staged event.
     */
    private static final String RESOLVE_ITEMS = """
            UPDATE ingest_event_staging s
            SET item_id = (SELECT i.id FROM item i WHERE i.catalog_id = ? AND i.external_id = s.item_external_id)
            """;

    private static final String UNKNOWN_ITEMS =
            "SELECT line, item_external_id FROM ingest_event_staging WHERE item_id IS NULL ORDER BY line";

    // Rows are inserted in key order so that concurrent imports lock them in the same order.
    private static final String UPSERT_BY_SEQ = """
            WITH written AS (
                INSERT INTO event AS e (catalog_id, user_id, item_id, occurred_at, seq)
                SELECT ?, user_id, item_id, occurred_at, seq FROM ingest_event_staging
                WHERE item_id IS NOT NULL AND seq IS NOT NULL
                ORDER BY user_id, seq
                ON CONFLICT (catalog_id, user_id, seq) WHERE seq IS NOT NULL DO UPDATE
                    SET item_id = EXCLUDED.item_id, occurred_at = EXCLUDED.occurred_at
                    WHERE (e.item_id, e.occurred_at) IS DISTINCT FROM (EXCLUDED.item_id, EXCLUDED.occurred_at)
                RETURNING (xmax = 0) AS inserted)
            """;

    private static final String INSERT_BY_TIME = """
            WITH written AS (
                INSERT INTO event (catalog_id, user_id, item_id, occurred_at)
                SELECT ?, user_id, item_id, occurred_at FROM ingest_event_staging
                WHERE item_id IS NOT NULL AND seq IS NULL
                ORDER BY user_id, item_id, occurred_at
                ON CONFLICT (catalog_id, user_id, item_id, occurred_at) WHERE seq IS NULL DO NOTHING
                RETURNING true AS inserted)
            """;

    @Override
    public String identity(EventRecord record) {
        return record.identity();
    }

    @Override
    public String partitionKey(EventRecord record) {
        return record.userId();
    }

    @Override
    public void stage(long line, EventRecord record, CopyRows rows) {
        rows.number(line);
        rows.text(record.userId());
        rows.text(record.itemId());
        rows.timestamp(record.occurredAt());
        rows.number(record.seq());
        rows.endRow();
    }

    @Override
    public BatchResult write(Connection connection, long catalogId, CopyRows rows) throws SQLException {
        BatchWriter.createStagingTable(connection, STAGING + " (line bigint NOT NULL, user_id text NOT NULL,"
                + " item_external_id text NOT NULL, occurred_at timestamptz, seq bigint, item_id bigint)");
        rows.copyInto(connection, STAGING + " (line, user_id, item_external_id, occurred_at, seq)");
        try (PreparedStatement resolve = connection.prepareStatement(RESOLVE_ITEMS)) {
            resolve.setLong(1, catalogId);
            resolve.executeUpdate();
        }
        List<LineError> unknown = unknownItems(connection);
        BatchResult bySeq = BatchWriter.upsert(connection, UPSERT_BY_SEQ, catalogId);
        BatchResult byTime = BatchWriter.upsert(connection, INSERT_BY_TIME, catalogId);
        return new BatchResult(bySeq.inserted() + byTime.inserted(), bySeq.updated() + byTime.updated(), unknown);
    }

    private static List<LineError> unknownItems(Connection connection) throws SQLException {
        List<LineError> unknown = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(UNKNOWN_ITEMS);
                ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                unknown.add(new LineError(rs.getLong(1), "unknown item '" + rs.getString(2) + "'"));
            }
        }
        return unknown;
    }
}
