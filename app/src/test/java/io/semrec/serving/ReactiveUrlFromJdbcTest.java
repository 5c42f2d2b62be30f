package io.semrec.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;
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
}
