package io.semrec.training.data;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.semrec.ingest.EventOrder;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Reads a catalog's items and events as one consistent snapshot: a single REPEATABLE READ, READ
 * ONLY transaction (event ids commit out of order, so an id watermark alone would not be one),
 * streamed in pages so large catalogs do not sit in the driver's buffers. History order is the one
 * documented on {@link InteractionDataset}.
 */
public final class EventSnapshotReader {

    /** Rows the driver fetches per round trip; it only streams inside a transaction. */
    static final int FETCH_SIZE = 10_000;

    private static final String ITEMS = "SELECT id, external_id, attributes::text, available FROM item "
            + "WHERE catalog_id = ? ORDER BY id";
    // Serving's "most recent first" order (index event_user_history); each user's rows are reversed.
    private static final String EVENTS = "SELECT id, user_id, item_id FROM event WHERE catalog_id = ? "
            + "ORDER BY user_id, " + EventOrder.newestFirst("");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    private final DataSource dataSource;

    public EventSnapshotReader(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public InteractionDataset read(long catalogId) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            int isolation = connection.getTransactionIsolation();
            boolean readOnly = connection.isReadOnly();
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            connection.setReadOnly(true);
            try {
                InteractionDataset dataset = read(connection, catalogId);
                connection.commit();
                return dataset;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setReadOnly(readOnly);
                connection.setTransactionIsolation(isolation);
                connection.setAutoCommit(autoCommit);
            }
        }
    }

    private static InteractionDataset read(Connection connection, long catalogId) throws SQLException {
        Instant takenAt;
        try (Statement statement = connection.createStatement();
                ResultSet now = statement.executeQuery("SELECT now()")) {
            now.next();
            takenAt = now.getTimestamp(1).toInstant();
        }
        ItemTable items = readItems(connection, catalogId);
        HistoryCollector histories = new HistoryCollector();
        try (PreparedStatement statement = streaming(connection, EVENTS, catalogId);
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                long itemId = rows.getLong(3);
                int item = items.indexOfInternalId(itemId);
                if (item < 0) {
                    throw new IllegalStateException("event " + rows.getLong(1) + " names unknown item " + itemId);
                }
                histories.add(rows.getLong(1), rows.getString(2), item);
            }
        }
        histories.finishUser();
        SnapshotInfo snapshot = new SnapshotInfo(histories.eventCount, histories.userIds.size(), items.size(),
                histories.maxEventId, takenAt);
        return new InteractionDataset(items, histories.userIds.toArray(String[]::new),
                histories.histories.toArray(int[][]::new), snapshot);
    }

    private static ItemTable readItems(Connection connection, long catalogId) throws SQLException {
        LongList ids = new LongList();
        List<String> externalIds = new ArrayList<>();
        List<Map<String, Object>> attributes = new ArrayList<>();
        BitSet available = new BitSet();
        try (PreparedStatement statement = streaming(connection, ITEMS, catalogId);
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                ids.add(rows.getLong(1));
                externalIds.add(rows.getString(2));
                attributes.add(parseAttributes(rows.getString(3)));
                available.set(externalIds.size() - 1, rows.getBoolean(4));
            }
        }
        boolean[] availability = new boolean[externalIds.size()];
        for (int i = 0; i < availability.length; i++) {
            availability[i] = available.get(i);
        }
        return new ItemTable(ids.toArray(), externalIds.toArray(String[]::new), attributes, availability);
    }

    private static PreparedStatement streaming(Connection connection, String sql, long catalogId)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        statement.setFetchSize(FETCH_SIZE);
        statement.setLong(1, catalogId);
        return statement;
    }

    private static Map<String, Object> parseAttributes(String json) {
        try {
            return JSON.readValue(json, OBJECT);
        } catch (IOException e) {
            throw new IllegalStateException("item attributes are not a JSON object: " + json, e);
        }
    }

    /** Groups rows arriving user by user, newest first, into oldest-first histories. */
    private static final class HistoryCollector {
        final List<String> userIds = new ArrayList<>();
        final List<int[]> histories = new ArrayList<>();
        long eventCount;
        long maxEventId;
        private String currentUser;
        private int[] current = new int[16];
        private int currentLength;

        void add(long eventId, String userId, int item) {
            if (!userId.equals(currentUser)) {
                finishUser();
                currentUser = userId;
            }
            if (currentLength == current.length) {
                current = Arrays.copyOf(current, currentLength * 2);
            }
            current[currentLength++] = item;
            eventCount++;
            maxEventId = Math.max(maxEventId, eventId);
        }

        void finishUser() {
            if (currentUser == null) {
                return;
            }
            int[] history = new int[currentLength];
            for (int i = 0; i < currentLength; i++) {
                history[i] = current[currentLength - 1 - i];
            }
            userIds.add(currentUser);
            histories.add(history);
            currentLength = 0;
        }
    }

    /** A growable primitive long array (ids of a large catalog should not be boxed). */
    private static final class LongList {
        private long[] values = new long[1024];
        private int size;

        void add(long value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        long[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
