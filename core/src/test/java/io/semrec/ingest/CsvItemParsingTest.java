package io.semrec.ingest;

import static io.semrec.ingest.Parsing.parse;
import static io.semrec.ingest.Parsing.reason;
import static io.semrec.ingest.Parsing.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class CsvItemParsingTest {

    @Test
    void everyOtherColumnIsAStringAttribute() {
        List<ParsedLine<ItemRecord>> lines = parse(IngestFormat.CSV,
                "title,item_id,price\r\n\"Pens, blue\",p1,2.50\r\n\"Note\npad\",p2,\r\n", ItemSchema.INSTANCE);
        assertEquals(new ItemRecord("p1", "{\"title\":\"Pens, blue\",\"price\":\"2.50\"}"), value(lines.get(0)));
        assertEquals(new ItemRecord("p2", "{\"title\":\"Note\\npad\",\"price\":\"\"}"), value(lines.get(1)));
        assertEquals(List.of(2L, 3L), lines.stream().map(ParsedLine::line).toList());
    }

    @Test
    void rowsAfterAMultiLineRecordKeepTheirLineNumbers() {
        List<ParsedLine<ItemRecord>> lines = parse(IngestFormat.CSV,
                "item_id,d\na,\"1\n2\n3\"\nb,x,extra\n,empty id\nc,ok\n", ItemSchema.INSTANCE);
        assertEquals(List.of(2L, 5L, 6L, 7L), lines.stream().map(ParsedLine::line).toList());
        assertEquals("expected 2 fields as in the header, found 3", reason(lines.get(1)));
        assertEquals("missing item_id", reason(lines.get(2)));
        assertEquals("c", value(lines.get(3)).itemId());
    }

    @Test
    void headerWithoutItemIdIsUnusable() {
        UnusableBodyException e = assertThrows(UnusableBodyException.class,
                () -> parse(IngestFormat.CSV, "id,title\n1,x\n", ItemSchema.INSTANCE));
        assertEquals(List.of("item_id"), e.details.get("missingColumns"));
        assertEquals("the CSV header lacks required columns: item_id (it has: id, title)", e.getMessage());
    }
}
