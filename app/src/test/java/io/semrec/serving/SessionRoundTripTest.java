package io.semrec.serving;

import static io.semrec.support.Api.admin;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.semrec.model.ScoreMetric;
import io.semrec.support.Fixtures;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Counts the round trips of a session recommendation by the driver's own protocol log: pgjdbc
 * sends one Sync message per round trip, after all the statements it batches.
 */
@QuarkusTest
class SessionRoundTripTest {

    private static final String PROTOCOL_LOGGER = "org.postgresql.core.v3.QueryExecutorImpl";

    /** Counts Sync messages sent by request threads (not by background work such as pool validation). */
    private static final class SyncCounter extends Handler {
        final AtomicInteger syncs = new AtomicInteger();

        @Override
        public void publish(LogRecord record) {
            if (String.valueOf(record.getMessage()).contains("FE=> Sync")
                    && Thread.currentThread().getName().startsWith("executor-thread")) {
                syncs.incrementAndGet();
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    @Test
    void aSessionRecommendationIsOneRoundTripOnceTheModelsVectorsAreCached() {
        ServingFixture f = ServingFixture.create("round-trip", 50, 8, ScoreMetric.COSINE);
        Fixtures.events(f.catalog(), "u1", List.of("i4", "i5"));
        Map<String, Object> body = Map.of("history", List.of("i1", "i2", "i3"), "k", 10);
        admin().contentType(ContentType.JSON).body(body).post(f.path("/recommendations")).then().statusCode(200);

        assertEquals(1, roundTrips(() -> admin().contentType(ContentType.JSON).body(body)
                .post(f.path("/recommendations")).then().statusCode(200)), "cached session recommendation");
        // A user's history is read first: the counting sees more than one round trip when there are.
        assertEquals(2, roundTrips(() -> admin().get(f.path("/users/u1/recommendations")).then().statusCode(200)),
                "user recommendation");
    }

    private static int roundTrips(Runnable request) {
        Logger protocol = Logger.getLogger(PROTOCOL_LOGGER);
        Level level = protocol.getLevel();
        SyncCounter counter = new SyncCounter();
        counter.setLevel(Level.ALL);
        protocol.setLevel(Level.FINEST);
        protocol.addHandler(counter);
        try {
            request.run();
        } finally {
            protocol.removeHandler(counter);
            protocol.setLevel(level);
        }
        return counter.syncs.get();
    }
}
