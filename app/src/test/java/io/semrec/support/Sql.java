package io.semrec.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Direct SQL for tests that play another process's part (a worker) or check what the database enforces. */
public final class Sql {

    private Sql() {
    }

    public static void update(DataSource dataSource, String statement, Object... values) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement update = c.prepareStatement(statement)) {
            for (int i = 0; i < values.length; i++) {
                update.setObject(i + 1, values[i]);
            }
            update.executeUpdate();
        }
    }
}
