package io.semrec.ingest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Writes one kind of record in batches: rows are staged in COPY format, copied into a
 * connection-local temporary table and merged into the real table with one upsert.
 */
interface BatchWriter<T> {

    /** Two records with the same identity are the same row; a batch never holds one twice. */
    String identity(T record);

    /** Records with the same identity must share this key: it picks their lane. */
    String partitionKey(T record);

    void stage(long line, T record, CopyRows rows);

    /** Merges the staged rows; runs inside the caller's transaction. */
    BatchResult write(Connection connection, long catalogId, CopyRows rows) throws SQLException;

    /** Creates the staging table once per pooled connection; it empties itself at every commit. */
    static void createStagingTable(Connection connection, String definition) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TEMP TABLE IF NOT EXISTS " + definition + " ON COMMIT DELETE ROWS");
        }
    }

    /**
     * Runs an upsert of the form {@code WITH written AS (INSERT ... RETURNING (xmax = 0) AS inserted)}
     * whose one parameter is the catalog id, and counts its inserted and updated rows (a fresh
     * row has no xmax; one rewritten by DO UPDATE has ours).
     */
    static BatchResult upsert(Connection connection, String writtenCte, long catalogId) throws SQLException {
        String sql = writtenCte + " SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted) FROM written";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, catalogId);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return new BatchResult(rs.getLong(1), rs.getLong(2), List.of());
            }
        }
    }
}
