package io.semrec.ingest;

import io.semrec.catalog.CatalogRef;
import io.semrec.uservector.UserVectors;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
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
            WHERE e.catalog_id = $1 AND e.user_id = $2
            ORDER BY %s
            LIMIT $3
            """.formatted(EventOrder.newestFirst("e"));

    private final DataSource dataSource;
    private final Pool pool;

    UserEventService(DataSource dataSource, Pool pool) {
        this.dataSource = dataSource;
        this.pool = pool;
    }

    /** On the reactive client: the user endpoint reads the history from the event loop (decision 16). */
    public Uni<UserHistory> history(CatalogRef catalog, String userId, int limit) {
        return pool.preparedQuery(HISTORY).execute(Tuple.of(catalog.id(), userId, (long) limit)).map(rows -> {
            List<UserHistory.Event> events = new ArrayList<>(rows.size());
            for (Row row : rows) {
                events.add(new UserHistory.Event(row.getString(0), row.getLong(1), row.getOffsetDateTime(2)));
            }
            return new UserHistory(userId, events);
        });
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
