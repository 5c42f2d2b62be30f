package io.semrec.training.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.semrec.training.support.MigratedSchema;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Against the real PostgreSQL, in a schema of its own migrated by the project's Flyway scripts. */
class EventSnapshotReaderTest {

    private static MigratedSchema schema;

    @BeforeAll
    static void migrate() {
        schema = MigratedSchema.create("snapshot_test");
    }

    @AfterAll
    static void drop() throws SQLException {
        schema.close();
    }

    @Test
    void readsItemsAndOrdersHistoriesBySeqElseTimeThenId() throws SQLException {
        long catalog = catalog("order");
        long pen = item(catalog, "pen", "{\"title\": \"Red pen\", \"tags\": [\"office\"]}", true);
        long ink = item(catalog, "ink", "{}", false);
        long pad = item(catalog, "pad", "{\"title\": \"Pad\"}", true);
        // Inserted out of order on purpose: seq decides for alice, time (then id) for bob.
        event(catalog, "alice", pad, null, 2L);
        event(catalog, "alice", pen, null, 0L);
        event(catalog, "alice", ink, null, 1L);
        long tieFirst = event(catalog, "bob", ink, "2024-01-01T10:00:00Z", null);
        event(catalog, "bob", pen, "2024-01-01T09:00:00Z", null);
        long tieSecond = event(catalog, "bob", pad, "2024-01-01T10:00:00Z", null);
        long otherCatalog = catalog("other");
        event(otherCatalog, "alice", item(otherCatalog, "pen", "{}", true), null, 0L);

        Instant before = Instant.now().minusSeconds(5);
        InteractionDataset dataset = new EventSnapshotReader(schema.dataSource()).read(catalog);

        ItemTable items = dataset.items();
        assertEquals(3, items.size());
        assertEquals(pen, items.internalId(0));
        assertEquals("ink", items.externalId(1));
        assertFalse(items.available(1));
        assertTrue(items.available(2));
        assertEquals(Map.of("title", "Red pen", "tags", List.of("office")), items.attributes(0));
        assertArrayEquals(new String[] {"alice", "bob"}, dataset.userIds());
        assertArrayEquals(new int[][] {{0, 1, 2}, {0, 1, 2}}, dataset.histories());
        assertTrue(tieFirst < tieSecond);

        SnapshotInfo snapshot = dataset.snapshot();
        assertEquals(6, snapshot.eventCount());
        assertEquals(2, snapshot.userCount());
        assertEquals(3, snapshot.itemCount());
        assertEquals(tieSecond, snapshot.maxEventId());
        assertTrue(snapshot.takenAt().isAfter(before));
    }

    @Test
    void writesCommittedDuringTheReadAreNotSeen() throws SQLException {
        long catalog = catalog("snapshot");
        long pen = item(catalog, "pen", "{}", true);
        event(catalog, "carol", pen, null, 0L);
        // Once the reader has started (its first statement took the snapshot), another transaction
        // commits a new item and event; neither may appear in what the reader returns.
        DataSource interfering = commitBeforeSecondStatement(schema.dataSource(), () -> {
            long late = item(catalog, "late", "{}", true);
            event(catalog, "carol", late, null, 1L);
            event(catalog, "dave", late, null, 0L);
        });

        InteractionDataset dataset = new EventSnapshotReader(interfering).read(catalog);

        assertEquals(1, dataset.itemCount());
        assertArrayEquals(new int[][] {{0}}, dataset.histories());
        assertEquals(1, dataset.snapshot().eventCount());
        assertEquals(3, countEvents(catalog));
    }

    @Test
    void anEmptyCatalogGivesAnEmptyDataset() throws SQLException {
        InteractionDataset dataset = new EventSnapshotReader(schema.dataSource()).read(catalog("empty"));
        assertEquals(0, dataset.itemCount());
        assertEquals(0, dataset.userCount());
        assertEquals(0, dataset.snapshot().maxEventId());
    }

    private interface SqlAction {
        void run() throws SQLException;
    }

    /** A data source whose connections run {@code action} (on other connections) before their second statement. */
    private static DataSource commitBeforeSecondStatement(DataSource target, SqlAction action) {
        AtomicInteger statements = new AtomicInteger();
        return new DataSource() {
            @Override
            public Connection getConnection() throws SQLException {
                Connection real = target.getConnection();
                return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                        new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                            boolean opensStatement = method.getName().equals("createStatement")
                                    || method.getName().equals("prepareStatement");
                            if (opensStatement && statements.incrementAndGet() == 2) {
                                action.run();
                            }
                            try {
                                return method.invoke(real, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                        });
            }

            @Override
            public Connection getConnection(String user, String password) {
                throw new UnsupportedOperationException();
            }

            @Override
            public PrintWriter getLogWriter() {
                return null;
            }

            @Override
            public void setLogWriter(PrintWriter out) {
            }

            @Override
            public void setLoginTimeout(int seconds) {
            }

            @Override
            public int getLoginTimeout() {
                return 0;
            }

            @Override
            public Logger getParentLogger() {
                return Logger.getGlobal();
            }

            @Override
            public <T> T unwrap(Class<T> type) {
                throw new UnsupportedOperationException();
            }

            @Override
            public boolean isWrapperFor(Class<?> type) {
                return false;
            }
        };
    }

    private static long catalog(String prefix) throws SQLException {
        String slug = prefix + "-" + Long.toString(System.nanoTime(), 36);
        return insert("INSERT INTO catalog (slug, name) VALUES (?, ?) RETURNING id", slug, slug);
    }

    private static long item(long catalog, String externalId, String attributes, boolean available)
            throws SQLException {
        return insert("INSERT INTO item (catalog_id, external_id, attributes, available) "
                + "VALUES (?, ?, ?::jsonb, ?) RETURNING id", catalog, externalId, attributes, available);
    }

    private static long event(long catalog, String user, long item, String occurredAt, Long seq) throws SQLException {
        return insert("INSERT INTO event (catalog_id, user_id, item_id, occurred_at, seq) "
                + "VALUES (?, ?, ?, ?::timestamptz, ?) RETURNING id", catalog, user, item, occurredAt, seq);
    }

    private static long countEvents(long catalog) throws SQLException {
        return queryLong("SELECT count(*) FROM event WHERE catalog_id = ?", catalog);
    }

    private static long insert(String sql, Object... values) throws SQLException {
        return queryLong(sql, values);
    }

    /** Runs a statement that returns one number (RETURNING id, count(*)). */
    private static long queryLong(String sql, Object... values) throws SQLException {
        try (Connection connection = schema.dataSource().getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }
}
