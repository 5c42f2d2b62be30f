package io.semrec.ingest;

import io.semrec.catalog.CatalogRef;
import jakarta.enterprise.context.ApplicationScoped;
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

    /**
     * The order of a history, most recent first: by sequence number when events have one, then by
     * time, then by arrival (id). Events without seq sort after those with one. It matches the
     * index {@code event_user_history}, so the query reads just the rows it returns.
     */
    private static final String HISTORY = """
            SELECT i.external_id, e.seq, e.occurred_at
            FROM event e JOIN item i ON i.catalog_id = e.catalog_id AND i.id = e.item_id
            WHERE e.catalog_id = ? AND e.user_id = ?
            ORDER BY e.seq DESC NULLS LAST, e.occurred_at DESC NULLS LAST, e.id DESC
            LIMIT ?
            """;

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

    /** Deletes every event of the user in this catalog; other users and the items are untouched. */
    public UserErasure erase(CatalogRef catalog, String userId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "DELETE FROM event WHERE catalog_id = ? AND user_id = ?")) {
            statement.setLong(1, catalog.id());
            statement.setString(2, userId);
            return new UserErasure(statement.executeUpdate());
        }
    }
}
