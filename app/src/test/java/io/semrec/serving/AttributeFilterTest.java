package io.semrec.serving;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.semrec.api.ProblemException;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class AttributeFilterTest {

    @Test
    void splitsAtTheFirstColon() {
        assertEquals(new AttributeFilter("categories", "Paper"), AttributeFilter.parse("categories:Paper"));
        assertEquals(new AttributeFilter("time", "10:30"), AttributeFilter.parse("time:10:30"));
        assertEquals(new AttributeFilter("categories", "Office Products, Paper"),
                AttributeFilter.parse("categories:Office Products, Paper"));
    }

    @Test
    void malformedFiltersAreA400NamingFilter() {
        for (String bad : List.of("nocolon", ":value", "attribute:", "")) {
            ProblemException e = assertThrows(ProblemException.class, () -> AttributeFilter.parse(bad), bad);
            assertEquals(400, e.status);
            assertEquals("filter", e.extensions.get("field"));
        }
    }

    @Test
    void repeatedFiltersAreAndedOnceEachAndBounded() {
        assertEquals(List.of(), AttributeFilter.parseAll(null));
        assertEquals(List.of(new AttributeFilter("a", "1"), new AttributeFilter("b", "2")),
                AttributeFilter.parseAll(List.of("a:1", "b:2", "a:1")));
        assertThrows(ProblemException.class,
                () -> AttributeFilter.parseAll(Collections.nCopies(AttributeFilter.MAX_FILTERS + 1, "a:1")));
    }

    @Test
    void anyNumberOfFiltersIsOneConditionOverTwoArrays() {
        List<AttributeFilter> two = List.of(new AttributeFilter("a", "1"), new AttributeFilter("b", "2"));
        String sql = AttributeFilter.sql(two, 3);
        assertTrue(sql.contains("CAST($3 AS text[]), CAST($4 AS text[])"), sql);
        assertFalse(sql.contains("$2") || sql.contains("$5"), sql);
        assertEquals(sql, AttributeFilter.sql(Collections.nCopies(AttributeFilter.MAX_FILTERS, new AttributeFilter("c", "3")), 3));
        Tuple bound = AttributeFilter.bind(Tuple.of("first"), two);
        assertEquals(3, bound.size());
        assertEquals("first", bound.getString(0));
        assertArrayEquals(new String[] {"a", "b"}, bound.getArrayOfStrings(1));
        assertArrayEquals(new String[] {"1", "2"}, bound.getArrayOfStrings(2));
        assertEquals(1, AttributeFilter.bind(Tuple.of("first"), List.of()).size());
        assertEquals("", AttributeFilter.sql(List.of(), 1));
    }
}
