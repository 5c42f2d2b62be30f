package io.semrec.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTokenizerTest {

    private static List<CsvRecord> records(byte[] body, int maxBytes) throws IOException {
        CsvTokenizer tokenizer = new CsvTokenizer(new ByteCursor(new ByteArrayInputStream(body)), maxBytes);
        List<CsvRecord> out = new ArrayList<>();
        for (CsvRecord r = tokenizer.next(); r != null; r = tokenizer.next()) {
            out.add(r);
        }
        return out;
    }

    private static List<CsvRecord> records(String body) throws IOException {
        return records(body.getBytes(StandardCharsets.UTF_8), 1024);
    }

    @Test
    void quotedFieldsHoldCommasQuotesAndLineBreaks() throws IOException {
        List<CsvRecord> rs = records("a,b\r\n\"x, y\",\"say \"\"hi\"\"\"\r\n\"two\nlines\",\"crlf\r\nkept\"\r\nlast,\"\"\r\n");
        assertEquals(4, rs.size());
        assertEquals(List.of("x, y", "say \"hi\""), rs.get(1).fields());
        assertEquals(List.of("two\nlines", "crlf\r\nkept"), rs.get(2).fields());
        assertEquals(List.of("last", ""), rs.get(3).fields());
        assertEquals(List.of(1L, 2L, 3L, 6L), rs.stream().map(CsvRecord::line).toList());
    }

    @Test
    void blankLinesAreSkippedButCounted() throws IOException {
        List<CsvRecord> rs = records("h\n\n\r\nv1\n\n\nv2");
        assertEquals(List.of(1L, 4L, 7L), rs.stream().map(CsvRecord::line).toList());
        assertEquals(List.of("v2"), rs.get(2).fields());
    }

    @Test
    void byteOrderMarkIsDropped() throws IOException {
        byte[] body = "\uFEFFitem_id,title\n1,x\n".getBytes(StandardCharsets.UTF_8);
        assertEquals(List.of("item_id", "title"), records(body, 1024).get(0).fields());
    }

    @Test
    void malformedQuotingIsReportedAndTheNextLineReadAgain() throws IOException {
        List<CsvRecord> rs = records("h1,h2\nab\"c,d\n\"x\"y,z\nok,1\n\"open,2\n");
        assertTrue(rs.get(1).error().startsWith("quote inside an unquoted field"), rs.get(1).error());
        assertEquals("unexpected character after a closing quote", rs.get(2).error());
        assertEquals(List.of("ok", "1"), rs.get(3).fields());
        assertEquals(4L, rs.get(3).line());
        assertEquals("unterminated quoted field", rs.get(4).error());
        assertEquals(5L, rs.get(4).line());
    }

    @Test
    void overlongRecordsAreSkippedToTheirRealEnd() throws IOException {
        String longField = "x".repeat(50);
        List<CsvRecord> rs = records(("h\n\"" + longField + "\n" + longField + "\"\nshort\n").getBytes(StandardCharsets.UTF_8), 40);
        assertEquals("line longer than 40 bytes", rs.get(1).error());
        assertEquals(List.of("short"), rs.get(2).fields());
        assertEquals(4L, rs.get(2).line());
    }

    @Test
    void invalidUtf8IsReported() throws IOException {
        byte[] body = {'h', '\n', 'a', (byte) 0xC3, '\n', 'b', '\n'};
        List<CsvRecord> rs = records(body, 1024);
        assertEquals("field 1 is not valid UTF-8", rs.get(1).error());
        assertNull(rs.get(2).error());
    }

    @Test
    void lastRecordNeedsNoLineEnd() throws IOException {
        List<CsvRecord> rs = records("a,b\n1,2");
        assertEquals(List.of("1", "2"), rs.get(1).fields());
    }
}
