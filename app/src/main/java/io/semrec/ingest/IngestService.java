package io.semrec.ingest;

import io.semrec.catalog.CatalogRef;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Bulk imports: the body is parsed as it streams in and written in batches, each in its own
 * transaction, so memory stays flat whatever the body size and every valid line is kept even
 * when others are rejected. A line is one row, so it lands whole or not at all.
 */
@ApplicationScoped
public class IngestService {

    private static final Logger LOG = Logger.getLogger(IngestService.class);
    private static final String DEADLOCK = "40P01";
    private static final int ATTEMPTS = 3;

    private final DataSource dataSource;
    private final IngestConfig config;
    private final IngestMetrics metrics;

    IngestService(DataSource dataSource, IngestConfig config, IngestMetrics metrics) {
        this.dataSource = dataSource;
        this.config = config;
        this.metrics = metrics;
    }

    public IngestReport importItems(CatalogRef catalog, IngestFormat format, InputStream body) throws IOException {
        return run(catalog.id(), open(format, body, ItemSchema.INSTANCE), new ItemBatchWriter(), metrics.items());
    }

    public IngestReport importEvents(CatalogRef catalog, IngestFormat format, InputStream body) throws IOException {
        return run(catalog.id(), open(format, body, EventSchema.INSTANCE), new EventBatchWriter(), metrics.events());
    }

    private <T> LineParser<T> open(IngestFormat format, InputStream body, RecordSchema<T> schema) throws IOException {
        return LineParser.open(format, body, (int) config.maxLineBytes().asLongValue(), schema);
    }

    private <T> IngestReport run(long catalogId, LineParser<T> parser, BatchWriter<T> writer, IngestMetrics.Counters counters)
            throws IOException {
        ImportTally tally = new ImportTally(config.maxListedErrors(), counters);
        CopyRows rows = new CopyRows();
        // Identities in the current batch: a repeat is written in the next batch, so that lines
        // apply in order (one upsert cannot touch the same row twice).
        Set<String> identities = new HashSet<>();
        long maxBatchBytes = config.batchBytes().asLongValue();
        for (ParsedLine<T> line = parser.next(); line != null; line = parser.next()) {
            if (line instanceof ParsedLine.Invalid<T> invalid) {
                tally.reject(new LineError(invalid.line(), invalid.reason()));
                continue;
            }
            T record = ((ParsedLine.Valid<T>) line).value();
            String identity = writer.identity(record);
            if (!identities.add(identity)) {
                flush(catalogId, writer, rows, tally, identities);
                identities.add(identity);
            }
            writer.stage(line.line(), record, rows);
            if (rows.rows() >= config.batchLines() || rows.bytes() >= maxBatchBytes) {
                flush(catalogId, writer, rows, tally, identities);
            }
        }
        flush(catalogId, writer, rows, tally, identities);
        return tally.report();
    }

    private <T> void flush(long catalogId, BatchWriter<T> writer, CopyRows rows, ImportTally tally, Set<String> identities) {
        if (rows.isEmpty()) {
            return;
        }
        tally.add(rows.rows(), writeWithRetry(catalogId, writer, rows));
        rows.clear();
        identities.clear();
    }

    /** Concurrent imports into one catalog can deadlock on shared rows; the loser's batch is simply retried. */
    private <T> BatchResult writeWithRetry(long catalogId, BatchWriter<T> writer, CopyRows rows) {
        for (int attempt = 1; ; attempt++) {
            try {
                return writeInTransaction(catalogId, writer, rows);
            } catch (SQLException e) {
                if (!DEADLOCK.equals(e.getSQLState()) || attempt == ATTEMPTS) {
                    throw new IllegalStateException("writing an import batch failed", e);
                }
                LOG.infof("import batch deadlocked (attempt %d of %d); retrying", attempt, ATTEMPTS);
            }
        }
    }

    private <T> BatchResult writeInTransaction(long catalogId, BatchWriter<T> writer, CopyRows rows) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                BatchResult result = writer.write(connection, catalogId, rows);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }
}
