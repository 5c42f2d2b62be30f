package io.semrec.ingest;

import io.semrec.catalog.CatalogRef;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Bulk imports: the body is parsed as it streams in and written in batches, each in its own
 * transaction, so memory stays flat whatever the body size and every valid line is kept even
 * when others are rejected. A line is one row, so it lands whole or not at all.
 *
 * <p>Records are spread over {@code writers} lanes by item (items) or user (events); each lane
 * writes its batches in order on its own connection while parsing goes on, so the database can
 * use more than one core and lines of one identity still apply in file order.
 */
@ApplicationScoped
public class IngestService {

    private static final Logger LOG = Logger.getLogger(IngestService.class);
    private static final String DEADLOCK = "40P01";
    private static final int ATTEMPTS = 3;

    private final DataSource dataSource;
    private final IngestConfig config;
    private final IngestMetrics metrics;

    // Writers wait on the database, not on the CPU; a cached pool never makes an import wait for a thread.
    private final ExecutorService writerThreads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "ingest-writer");
        thread.setDaemon(true);
        return thread;
    });

    IngestService(DataSource dataSource, IngestConfig config, IngestMetrics metrics) {
        this.dataSource = dataSource;
        this.config = config;
        this.metrics = metrics;
    }

    @PreDestroy
    void stop() {
        writerThreads.shutdown();
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
        List<BatchLane> lanes = Stream.generate(BatchLane::new).limit(config.writers()).toList();
        Function<CopyRows, Future<BatchResult>> write =
                rows -> writerThreads.submit(() -> writeWithRetry(catalogId, writer, rows));
        long maxBatchBytes = config.batchBytes().asLongValue();
        try {
            for (ParsedLine<T> line = parser.next(); line != null; line = parser.next()) {
                if (line instanceof ParsedLine.Invalid<T> invalid) {
                    tally.reject(new LineError(invalid.line(), invalid.reason()));
                    continue;
                }
                T record = ((ParsedLine.Valid<T>) line).value();
                BatchLane lane = lanes.get(Math.floorMod(writer.partitionKey(record).hashCode(), lanes.size()));
                String identity = writer.identity(record);
                if (!lane.claim(identity)) {
                    send(lane, write, tally);
                    lane.claim(identity);
                }
                writer.stage(line.line(), record, lane.rows());
                if (lane.rows().rows() >= config.batchLines() || lane.rows().bytes() >= maxBatchBytes) {
                    send(lane, write, tally);
                }
            }
            for (BatchLane lane : lanes) {
                send(lane, write, tally);
            }
            for (BatchLane lane : lanes) {
                collect(lane, tally);
            }
        } finally {
            lanes.forEach(BatchLane::drain);
        }
        return tally.report();
    }

    /** Sends the lane's filling batch once its previous batch has been written and counted. */
    private static void send(BatchLane lane, Function<CopyRows, Future<BatchResult>> write, ImportTally tally) {
        collect(lane, tally);
        if (lane.isSendable()) {
            lane.send(write);
        }
    }

    private static void collect(BatchLane lane, ImportTally tally) {
        try {
            BatchLane.Written written = lane.awaitWritten();
            if (written != null) {
                tally.add(written.rows(), written.result());
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing an import", e);
        }
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
