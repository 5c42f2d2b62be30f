package io.semrec.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReactiveUrlFromJdbcTest {

    @Test
    void theReactiveClientReadsTheSameServerDatabaseAndOptions() {
        String reactive = ReactiveUrlFromJdbc.reactiveUrl(
                "jdbc:postgresql://db.example:6543/semrec_prod?user=app&password=s3cret&sslmode=require");
        PgConnectOptions options = PgConnectOptions.fromUri(reactive);
        assertEquals("db.example", options.getHost());
        assertEquals(6543, options.getPort());
        assertEquals("semrec_prod", options.getDatabase());
        assertEquals("app", options.getUser());
        assertEquals("s3cret", options.getPassword());
        assertEquals(SslMode.REQUIRE, options.getSslMode());
    }

    @Test
    void otherFormsAreLeftToAnExplicitReactiveUrl() {
        assertNull(ReactiveUrlFromJdbc.reactiveUrl("jdbc:postgresql:semrec"));
        assertNull(ReactiveUrlFromJdbc.reactiveUrl("jdbc:mysql://localhost/semrec"));
        assertNull(ReactiveUrlFromJdbc.reactiveUrl(null));
    }

    /** Ordinals as Quarkus uses them: environment 300, application.properties 250, build-time defaults below 0. */
    private static String reactiveUrl(Map<String, String> environment, Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(environment, "environment", 300),
                        new PropertiesConfigSource(properties, "application.properties", 250),
                        new PropertiesConfigSource(Map.of(ReactiveUrlFromJdbc.REACTIVE_URL,
                                "postgresql://localhost:5432/from_the_build"), "build-time defaults", Integer.MIN_VALUE + 100))
                .withSources(new ReactiveUrlFromJdbc())
                .build();
        return config.getValue(ReactiveUrlFromJdbc.REACTIVE_URL, String.class);
    }

    @Test
    void theJdbcUrlOfTheEnvironmentWinsOverTheBuildsDefault() {
        Map<String, String> properties = Map.of(ReactiveUrlFromJdbc.JDBC_URL, "jdbc:postgresql://localhost:5432/semrec");
        assertEquals("postgresql://db.example:5432/from_env", reactiveUrl(
                Map.of(ReactiveUrlFromJdbc.JDBC_URL, "jdbc:postgresql://db.example:5432/from_env"), properties));
        assertEquals("postgresql://localhost:5432/semrec", reactiveUrl(Map.of(), properties));
    }

    @Test
    void anExplicitReactiveUrlWins() {
        assertEquals("postgresql://elsewhere:5432/chosen", reactiveUrl(
                Map.of(ReactiveUrlFromJdbc.JDBC_URL, "jdbc:postgresql://db.example:5432/from_env"),
                Map.of(ReactiveUrlFromJdbc.REACTIVE_URL, "postgresql://elsewhere:5432/chosen")));
    }
}
