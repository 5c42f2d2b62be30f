package io.semrec.support;

import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.Arc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/** Writes items and events straight into the database, for tests that need a catalog's data. */
public final class Fixtures {

    private Fixtures() {
    }

    /** An item row: its external id, attributes (JSON object text) and availability. */
    public record Item(String id, String attributesJson, boolean available) {

        public static Item plain(String id) {
            return new Item(id, "{}", true);
        }
    }

    /** Available items without attributes. */
    public static void items(String catalog, List<String> externalIds) {
        insertItems(catalog, externalIds.stream().map(Item::plain).toList());
    }

    public static void insertItems(String catalog, List<Item> items) {
        long catalogId = catalogId(catalog);
        try (Connection connection = dataSource().getConnection();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO item "
                        + "(catalog_id, external_id, attributes, available) VALUES (?, ?, CAST(? AS jsonb), ?)")) {
            for (Item item : items) {
                insert.setLong(1, catalogId);
                insert.setString(2, item.id());
                insert.setString(3, item.attributesJson());
                insert.setBoolean(4, item.available());
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The user's events on these items, oldest first (sequence numbers 0, 1, ...). */
    public static void events(String catalog, String userId, List<String> itemIdsOldestFirst) {
        long catalogId = catalogId(catalog);
        for (int seq = 0; seq < itemIdsOldestFirst.size(); seq++) {
            int inserted = update("INSERT INTO event (catalog_id, user_id, item_id, seq) "
                    + "SELECT catalog_id, ?, id, ? FROM item WHERE catalog_id = ? AND external_id = ?",
                    userId, seq, catalogId, itemIdsOldestFirst.get(seq));
            if (inserted != 1) {
                throw new IllegalArgumentException("no item '" + itemIdsOldestFirst.get(seq) + "' in " + catalog);
            }
        }
    }

    public static long catalogId(String slug) {
        Object id = scalar("SELECT id FROM catalog WHERE slug = ?", slug);
        if (id == null) {
            throw new IllegalArgumentException("no catalog " + slug);
        }
        return (Long) id;
    }

    /** Runs one statement with positional parameters; returns the row count. */
    public static int update(String sql, Object... params) {
        return withStatement(sql, params, PreparedStatement::executeUpdate);
    }

    /** The first column of the first row of a query, or null without rows. */
    public static Object scalar(String sql, Object... params) {
        return withStatement(sql, params, statement -> {
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? rs.getObject(1) : null;
            }
        });
    }

    private interface StatementWork<T> {
        T apply(PreparedStatement statement) throws SQLException;
    }

    private static <T> T withStatement(String sql, Object[] params, StatementWork<T> work) {
        try (Connection connection = dataSource().getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            return work.apply(statement);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static AgroalDataSource dataSource() {
        return Arc.container().instance(AgroalDataSource.class).get();
    }
}
