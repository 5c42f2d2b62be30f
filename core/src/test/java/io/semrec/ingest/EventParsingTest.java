package io.semrec.ingest;

import static io.semrec.ingest.Parsing.parse;
import static io.semrec.ingest.Parsing.reason;
import static io.semrec.ingest.Parsing.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventParsingTest {

    @Test
    void csvEventsWithSeqAndTime() {
        List<ParsedLine<EventRecord>> lines = parse(IngestFormat.CSV,
                "user_id,item_id,seq,ts\r\nu1,i1,0,2024-05-01T12:00:00Z\r\nu1,i2,1,\r\nu2,i1,,1714564800\r\n",
                EventSchema.INSTANCE);
        Instant noon = Instant.parse("2024-05-01T12:00:00Z");
        assertEquals(new EventRecord("u1", "i1", noon, 0L), value(lines.get(0)));
        assertEquals(new EventRecord("u1", "i2", null, 1L), value(lines.get(1)));
        assertEquals(new EventRecord("u2", "i1", noon, null), value(lines.get(2)));
        assertEquals(List.of(2L, 3L, 4L), lines.stream().map(ParsedLine::line).toList());
    }

    @Test
    void ndjsonEventsAcceptIntegerIdsAndNumericTimes() {
        List<ParsedLine<EventRecord>> lines = parse(IngestFormat.NDJSON,
                "{\"user_id\": 7, \"item_id\": \"i\", \"seq\": 3}\n{\"user_id\": \"u\", \"item_id\": 9, \"ts\": 1714564800.25}\n",
                EventSchema.INSTANCE);
        assertEquals(new EventRecord("7", "i", null, 3L), value(lines.get(0)));
        assertEquals(new EventRecord("u", "9", Instant.parse("2024-05-01T12:00:00.250Z"), null), value(lines.get(1)));
    }

    @Test
    void wrongTypesAndValuesAreRejected() {
        List<ParsedLine<EventRecord>> lines = parse(IngestFormat.NDJSON, String.join("\n",
                "{\"user_id\": \"u\", \"item_id\": \"i\", \"seq\": \"3\"}",
                "{\"user_id\": \"u\", \"item_id\": \"i\", \"seq\": -1}",
                "{\"user_id\": \"u\", \"item_id\": \"i\", \"seq\": 1.5}",
                "{\"user_id\": \"u\", \"item_id\": \"i\", \"ts\": \"yesterday\"}",
                "{\"user_id\": \"u\", \"item_id\": \"i\", \"ts\": true}",
                "{\"user_id\": \"u\", \"item_id\": \"i\", \"ts\": 1714564800000}",
                "{\"user_id\": \"u\", \"item_id\": \"i\"}",
                "{\"item_id\": \"i\", \"seq\": 1}",
                "{\"user_id\": [1], \"item_id\": \"i\", \"seq\": 1}"), EventSchema.INSTANCE);
        assertEquals("seq must be a non-negative integer", reason(lines.get(0)));
        assertEquals("seq must be a non-negative integer", reason(lines.get(1)));
        assertEquals("seq must be a non-negative integer", reason(lines.get(2)));
        assertEquals("ts is neither ISO-8601 nor epoch seconds", reason(lines.get(3)));
        assertEquals("ts is neither ISO-8601 nor epoch seconds", reason(lines.get(4)));
        assertEquals("ts out of range: years 0001 to 9999 (epoch values are seconds, not milliseconds)", reason(lines.get(5)));
        assertEquals("an event needs seq or ts (or both)", reason(lines.get(6)));
        assertEquals("missing user_id", reason(lines.get(7)));
        assertEquals("user_id must be a string or an integer", reason(lines.get(8)));
    }

    @Test
    void csvSeqMustBeDigits() {
        List<ParsedLine<EventRecord>> lines = parse(IngestFormat.CSV,
                "user_id,item_id,seq\nu,i,x\nu,i,-2\nu,i,99999999999999999999\nu,i\n", EventSchema.INSTANCE);
        assertEquals("seq must be a non-negative integer", reason(lines.get(0)));
        assertEquals("seq must be a non-negative integer", reason(lines.get(1)));
        assertEquals("seq must be a non-negative integer", reason(lines.get(2)));
        assertEquals("expected 3 fields as in the header, found 2", reason(lines.get(3)));
    }

    @Test
    void csvHeaderMustNameTheRequiredColumns() {
        UnusableBodyException e = assertThrows(UnusableBodyException.class,
                () -> parse(IngestFormat.CSV, "user,item_id\nu,i\n", EventSchema.INSTANCE));
        assertEquals(List.of("user_id", "seq or ts"), e.details.get("missingColumns"));
        assertThrows(UnusableBodyException.class, () -> parse(IngestFormat.CSV, "", EventSchema.INSTANCE));
        assertThrows(UnusableBodyException.class, () -> parse(IngestFormat.CSV, "item_id,a,a\n", ItemSchema.INSTANCE));
    }

    @Test
    void identityFollowsSeqWhenGivenElseItemAndTime() {
        Instant t = Instant.parse("2024-05-01T12:00:00Z");
        assertEquals(new EventRecord("u", "a", t, 1L).identity(), new EventRecord("u", "b", null, 1L).identity());
        assertNotEquals(new EventRecord("u", "a", t, null).identity(), new EventRecord("u", "b", t, null).identity());
        assertEquals(new EventRecord("u", "a", t, null).identity(), new EventRecord("u", "a", t, null).identity());
    }
}
