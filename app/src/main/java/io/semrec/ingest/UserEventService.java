package io.semrec.ingest;

import io.semrec.catalog.CatalogRef;
import io.semrec.uservector.UserVectors;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** A user's event history: reading it, and erasing it on a privacy request. */
@ApplicationScoped
public class UserEventService {

    /** Most recent first ({@link EventOrder}), along the index, so the query reads just the rows it returns. */
    private static final String HISTORY = """
            SELECT i.external_id, e.seq, e.occurred_at
            FROM event e JOIN item i ON i.catalog_id = e.catalog_id AND i.id = e.item_id
            WHERE e.catalog_id = ? AND e.user_id = ?
            ORDER BY %s
            LIMIT ?
            """.formatted(EventOrder.newestFirst("e"));

    private final DataSource dataSource;

    UserEventService(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public UserHistory history(CatalogRef catalog, String userId, int limit) throws SQLException {
        List<UserHistory.Event> events = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(HISTORY)) {
            statement.setLong(1, catalog.id());
            statement.setString(2, userId);
            statement.setInt(3, limit);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    events.add(new UserHistory.Event(rs.getString(1), rs.getObject(2, Long.class),
                            rs.getObject(3, OffsetDateTime.class)));
                }
            }
        }
        return new UserHistory(userId, events);
    }

    /**
     * Deletes every event of the user in this catalog and, in the same transaction, the query vectors
     * precomputed from them; other users and the items are untouched.
     */
    @Transactional(rollbackOn = SQLException.class)
    public UserErasure erase(CatalogRef catalog, String userId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "DELETE FROM event WHERE catalog_id = ? AND user_id = ?")) {
            UserVectors.lockForErasure(connection, catalog.id(), userId);
            statement.setLong(1, catalog.id());
            statement.setString(2, userId);
            int deleted = statement.executeUpdate();
            UserVectors.eraseVectors(connection, catalog.id(), userId);
            return new UserErasure(deleted);
        }
    }
}
