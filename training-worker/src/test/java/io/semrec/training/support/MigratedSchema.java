package io.semrec.training.support;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A fresh PostgreSQL schema with the project's Flyway migrations applied, on the test database
 * ({@code SEMREC_TEST_JDBC_URL}), so JDBC tests share no rows with anyone. Dropped on close.
 */
public final class MigratedSchema implements AutoCloseable {

    private static final String DEFAULT_URL = "jdbc:postgresql://localhost:5432/semrec_test";

    private final String name;
    private final PGSimpleDataSource dataSource;

    private MigratedSchema(String name, PGSimpleDataSource dataSource) {
        this.name = name;
        this.dataSource = dataSource;
    }

    public static MigratedSchema create(String prefix) {
        String name = prefix + "_" + Long.toString(System.nanoTime(), 36);
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        String url = System.getenv("SEMREC_TEST_JDBC_URL");
        dataSource.setURL(url == null || url.isBlank() ? DEFAULT_URL : url);
        dataSource.setUser(System.getenv().getOrDefault("SEMREC_TEST_JDBC_USER", "semrec"));
        dataSource.setPassword(System.getenv().getOrDefault("SEMREC_TEST_JDBC_PASSWORD", "semrec"));
        // The vector extension lives in public; our tables go first in the path.
        dataSource.setCurrentSchema(name + ",public");
        Flyway.configure()
                .dataSource(dataSource)
                .schemas(name)
                .createSchemas(true)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        return new MigratedSchema(name, dataSource);
    }

    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA " + name + " CASCADE");
        }
    }
}
