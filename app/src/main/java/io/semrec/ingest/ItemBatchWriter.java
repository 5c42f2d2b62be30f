package io.semrec.ingest;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Upserts items by external id. Changed attributes count as an update; the availability flag is
 * left alone, so re-importing a deleted item does not bring it back.
 */
final class ItemBatchWriter implements BatchWriter<ItemRecord> {

    private static final String STAGING = "ingest_item_staging";

    private static final String UPSERT = """
            WITH written AS (
                INSERT INTO item AS i (catalog_id, external_id, attributes)
                SELECT ?, s.external_id, s.attributes FROM ingest_item_staging s
                ORDER BY s.external_id
                ON CONFLICT (catalog_id, external_id) DO UPDATE
                    SET attributes = EXCLUDED.attributes, updated_at = now()
                    WHERE i.attributes IS DISTINCT FROM EXCLUDED.attributes
                RETURNING (xmax = 0) AS inserted)
            """;

    @Override
    public String identity(ItemRecord record) {
        return record.itemId();
    }

    @Override
    public String partitionKey(ItemRecord record) {
        return record.itemId();
    }

    @Override
    public void stage(long line, ItemRecord record, CopyRows rows) {
        rows.text(record.itemId());
        rows.text(record.attributesJson());
        rows.endRow();
    }

    @Override
    public BatchResult write(Connection connection, long catalogId, CopyRows rows) throws SQLException {
        BatchWriter.createStagingTable(connection, STAGING + " (external_id text NOT NULL, attributes jsonb NOT NULL)");
        rows.copyInto(connection, STAGING);
        return BatchWriter.upsert(connection, UPSERT, catalogId);
    }
}
