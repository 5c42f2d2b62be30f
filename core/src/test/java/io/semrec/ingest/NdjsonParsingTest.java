package io.semrec.ingest;

import static io.semrec.ingest.Parsing.parse;
import static io.semrec.ingest.Parsing.reason;
import static io.semrec.ingest.Parsing.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class NdjsonParsingTest {

    @Test
    void keepsAttributeTypesAndNumbersLinesOverBlankAndCrlfLines() {
        List<ParsedLine<ItemRecord>> lines = parse(IngestFormat.NDJSON,
                "{\"item_id\": \"a\", \"price\": 9.5, \"tags\": [\"x\"], \"new\": true, \"meta\": {\"n\": null}}\r\n"
                        + "\r\n   \n"
                        + "{\"item_id\": 42}",
                ItemSchema.INSTANCE);
        assertEquals(2, lines.size());
        assertEquals(new ItemRecord("a", "{\"price\":9.5,\"tags\":[\"x\"],\"new\":true,\"meta\":{\"n\":null}}"), value(lines.get(0)));
        assertEquals(new ItemRecord("42", "{}"), value(lines.get(1)));
        assertEquals(4L, lines.get(1).line());
    }

    @Test
    void numbersKeepTheirValueEvenBeyondDoubleRange() {
        ItemRecord item = value(parse(IngestFormat.NDJSON, "{\"item_id\": \"a\", \"big\": 1e400, \"price\": 0.10}",
                ItemSchema.INSTANCE).get(0));
        assertEquals("{\"big\":1E+400,\"price\":0.1}", item.attributesJson());
    }

    @Test
    void byteOrderMarkIsDropped() {
        byte[] body = "\uFEFF{\"item_id\": \"a\"}\n".getBytes(StandardCharsets.UTF_8);
        assertEquals("a", value(parse(IngestFormat.NDJSON, body, ItemSchema.INSTANCE).get(0)).itemId());
    }

    @Test
    void badLinesAreReportedWithReasonsAndTheRestStillParse() {
        List<ParsedLine<ItemRecord>> lines = parse(IngestFormat.NDJSON, String.join("\n",
                "{\"item_id\": \"ok\"}",
                "{\"item_id\": \"a\",",
                "[1, 2]",
                "{\"title\": \"no id\"}",
                "{\"item_id\": true}",
                "{\"item_id\": \"\"}",
                "{\"item_id\": \"" + "x".repeat(257) + "\"}",
                "{\"item_id\": \"n\", \"t\": \"a\\u0000b\"}",
                "{\"item_id\": \"d\", \"item_id\": \"e\"}",
                "{\"item_id\": \"t\"} {}",
                "{\"item_id\": \"" + "y".repeat(Parsing.MAX_LINE_BYTES) + "\"}",
                "{\"item_id\": \"last\"}"), ItemSchema.INSTANCE);
        assertEquals(12, lines.size());
        assertTrue(reason(lines.get(1)).startsWith("invalid JSON"), reason(lines.get(1)));
        assertEquals("line is not a JSON object", reason(lines.get(2)));
        assertEquals("missing item_id", reason(lines.get(3)));
        assertEquals("item_id must be a string or an integer", reason(lines.get(4)));
        assertEquals("missing item_id", reason(lines.get(5)));
        assertEquals("item_id longer than 256 characters", reason(lines.get(6)));
        assertTrue(reason(lines.get(7)).contains("NUL"), reason(lines.get(7)));
        assertTrue(reason(lines.get(8)).contains("Duplicate field 'item_id'"), reason(lines.get(8)));
        assertTrue(reason(lines.get(9)).startsWith("invalid JSON"), reason(lines.get(9)));
        assertEquals("line longer than " + Parsing.MAX_LINE_BYTES + " bytes", reason(lines.get(10)));
        assertEquals("last", value(lines.get(11)).itemId());
        assertEquals(12L, lines.get(11).line());
    }

    @Test
    void invalidJsonNamesTheColumn() {
        String why = reason(parse(IngestFormat.NDJSON, "{\"item_id\": x}", ItemSchema.INSTANCE).get(0));
        assertTrue(why.startsWith("invalid JSON at column 13: "), why);
    }
}
