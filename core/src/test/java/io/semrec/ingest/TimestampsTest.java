package io.semrec.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimestampsTest {

    private static final Instant NOON = Instant.parse("2024-05-01T12:00:00Z");

    @Test
    void readsIsoForms() {
        assertEquals(NOON, Timestamps.parse("2024-05-01T12:00:00Z"));
        assertEquals(NOON, Timestamps.parse("2024-05-01T14:00:00+02:00"));
        assertEquals(NOON, Timestamps.parse("2024-05-01T12:00:00"));
        assertEquals(NOON, Timestamps.parse("2024-05-01 12:00:00Z"));
        assertEquals(Instant.parse("2024-05-01T00:00:00Z"), Timestamps.parse("2024-05-01"));
    }

    @Test
    void readsEpochSecondsWithFractionsToMicroseconds() {
        assertEquals(NOON, Timestamps.parse("1714564800"));
        assertEquals(Instant.parse("2024-05-01T12:00:00.123456Z"), Timestamps.parse("1714564800.1234567"));
        assertEquals(Instant.parse("1969-12-31T23:59:59Z"), Timestamps.parse("-1"));
        assertEquals(Instant.parse("2024-05-01T12:00:00.123456Z"), Timestamps.parse("2024-05-01T12:00:00.123456789Z"));
    }

    @Test
    void emptyIsAbsentAndGarbageOrOutOfRangeIsRejected() {
        assertNull(Timestamps.parse(""));
        assertEquals("ts is neither ISO-8601 nor epoch seconds",
                assertThrows(InvalidLineException.class, () -> Timestamps.parse("May 1st")).getMessage());
        assertThrows(InvalidLineException.class, () -> Timestamps.parse("2024-13-01"));
        assertThrows(InvalidLineException.class, () -> Timestamps.parse("1714564800000"));
        assertThrows(InvalidLineException.class, () -> Timestamps.parse("+10000-01-01T00:00:00Z"));
    }
}
