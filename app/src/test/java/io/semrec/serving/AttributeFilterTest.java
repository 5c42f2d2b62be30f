package io.semrec.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.semrec.api.ProblemException;
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
    void sqlHasTwoParametersPerFilter() {
        String sql = AttributeFilter.sql(List.of(new AttributeFilter("a", "1"), new AttributeFilter("b", "2")));
        assertEquals(4, sql.chars().filter(c -> c == '?').count());
        assertEquals("", AttributeFilter.sql(List.of()));
    }
}
