package io.semrec.serving;

import static io.semrec.support.Api.admin;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.semrec.model.ScoreMetric;
import io.semrec.support.Fixtures;
import io.semrec.support.RoundTripRelay;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Counts the database round trips of recommendation requests on the wire: serving's reactive client reaches
 * PostgreSQL through a {@link RoundTripRelay}.
 */
@QuarkusTest
@TestProfile(SessionRoundTripTest.ThroughRelay.class)
class SessionRoundTripTest {

    /** Serving's client (the reactive URL) goes through the relay; JDBC goes straight to the database. */
    public static class ThroughRelay implements QuarkusTestProfile {

        static RoundTripRelay relay;

        @Override
        public Map<String, String> getConfigOverrides() {
            URI database = URI.create(ReactiveUrlFromJdbc.reactiveUrl(
                    ConfigProvider.getConfig().getValue(ReactiveUrlFromJdbc.JDBC_URL, String.class)));
            if (relay == null) {
                relay = new RoundTripRelay(database.getHost(), database.getPort(), 50);
            }
            String throughRelay = "postgresql://127.0.0.1:" + relay.port() + database.getRawPath()
                    + (database.getRawQuery() == null ? "" : "?" + database.getRawQuery());
            return Map.of(ReactiveUrlFromJdbc.REACTIVE_URL, throughRelay);
        }
    }

    @Inject
    Pool pool;

    @Test
    void theRelayCountsWaitingAsARoundTripAndPipeliningAsOne() {
        SqlConnection connection = pool.getConnection().await().indefinitely();
        try {
            String query = "SELECT $1::int";
            // Prepared once: the driver caches the statement per connection, as serving's searches are.
            connection.preparedQuery(query).execute(Tuple.of(0)).await().indefinitely();
            ThroughRelay.relay.takeRoundTrips();

            connection.preparedQuery(query).execute(Tuple.of(1))
                    .flatMap(first -> connection.preparedQuery(query).execute(Tuple.of(2))).await().indefinitely();
            assertEquals(2, ThroughRelay.relay.takeRoundTrips(), "the second query waits for the first");

            Uni.combine().all().unis(connection.preparedQuery(query).execute(Tuple.of(1)),
                    connection.preparedQuery(query).execute(Tuple.of(2))).asTuple().await().indefinitely();
            assertEquals(1, ThroughRelay.relay.takeRoundTrips(), "both queued before either answered");
        } finally {
            connection.closeAndAwait();
        }
    }

    @Test
    void aSessionRecommendationIsOneRoundTripOnceTheModelsVectorsAreCached() {
        ServingFixture f = ServingFixture.create("round-trip", 50, 8, ScoreMetric.COSINE);
        Fixtures.events(f.catalog(), "u1", List.of("i4", "i5"));
        Map<String, Object> body = Map.of("history", List.of("i1", "i2", "i3"), "k", 10);
        for (int warm = 0; warm < 3; warm++) {
            admin().contentType(ContentType.JSON).body(body).post(f.path("/recommendations")).then().statusCode(200);
            admin().get(f.path("/users/u1/recommendations")).then().statusCode(200);
        }
        ThroughRelay.relay.takeRoundTrips();

        admin().contentType(ContentType.JSON).body(body).post(f.path("/recommendations")).then().statusCode(200);
        assertEquals(1, ThroughRelay.relay.takeRoundTrips(), "cached session recommendation");
        // A user's history is read first, then searched: two.
        admin().get(f.path("/users/u1/recommendations")).then().statusCode(200);
        assertEquals(2, ThroughRelay.relay.takeRoundTrips(), "user recommendation");
    }
}
