package io.semrec.serving;

import io.agroal.api.AgroalDataSource;
import io.semrec.catalog.CatalogRef;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** What serving reads of a catalog's items and events besides vectors. */
@ApplicationScoped
class CatalogItems {

    private final AgroalDataSource dataSource;

    CatalogItems(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** External ids of the user's last {@code historyLength} events' items, oldest first (empty for an unknown user). */
    List<String> recentItemsOfUser(CatalogRef catalog, String userId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement("""
                        SELECT i.external_id
                        FROM event e JOIN item i ON i.catalog_id = e.catalog_id AND i.id = e.item_id
                        WHERE e.catalog_id = ? AND e.user_id = ?
                        ORDER BY e.seq DESC NULLS LAST, e.occurred_at DESC NULLS LAST, e.id DESC
                        LIMIT ?""")) {
            query.setLong(1, catalog.id());
            query.setString(2, userId);
            query.setInt(3, catalog.settings().historyLengthOrDefault());
            List<String> items = new ArrayList<>();
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    items.add(rs.getString(1));
                }
            }
            Collections.reverse(items);
            return items;
        } catch (SQLException e) {
            throw new IllegalStateException("reading the history of a user failed", e);
        }
    }

    boolean exists(CatalogRef catalog, String externalId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT 1 FROM item WHERE catalog_id = ? AND external_id = ?")) {
            query.setLong(1, catalog.id());
            query.setString(2, externalId);
            try (ResultSet rs = query.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("looking up an item failed", e);
        }
    }
}
