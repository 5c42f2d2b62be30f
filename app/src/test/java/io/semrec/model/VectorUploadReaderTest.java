package io.semrec.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.semrec.api.LineErrors;
import io.semrec.api.ProblemException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class VectorUploadReaderTest {

    private final List<Collection<String>> lookups = new ArrayList<>();

    private VectorUploadReader reader(String body, Map<String, Long> catalog) {
        return new VectorUploadReader(new StringReader(body), ids -> {
            lookups.add(List.copyOf(ids));
            return catalog.entrySet().stream().filter(e -> ids.contains(e.getKey()))
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        });
    }

    private static List<ItemVector> drain(VectorUploadReader reader) {
        List<ItemVector> out = new ArrayList<>();
        reader.forEachRemaining(out::add);
        return out;
    }

    @Test
    void yieldsInternalIdsAndFloatsSkippingBlankLines() {
        List<ItemVector> vectors = drain(reader("""
                {"item_id":"a","vector":[1,-2.5,3e-3]}

                {"vector":[0,0,1],"item_id":"b","extra":true}
                """, Map.of("a", 10L, "b", 11L)));
        assertEquals(2, vectors.size());
        assertEquals(10L, vectors.get(0).itemId());
        assertArrayEquals(new float[] {1, -2.5f, 0.003f}, vectors.get(0).vector());
        assertEquals(11L, vectors.get(1).itemId());
    }

    @Test
    void looksItemsUpInBatches() {
        int lines = VectorUploadReader.LOOKUP_BATCH + 1;
        String body = IntStream.range(0, lines).mapToObj(i -> "{\"item_id\":\"i" + i + "\",\"vector\":[1]}")
                .collect(Collectors.joining("\n"));
        Map<String, Long> catalog = IntStream.range(0, lines).boxed()
                .collect(Collectors.toMap(i -> "i" + i, i -> (long) i));
        assertEquals(lines, drain(reader(body, catalog)).size());
        assertEquals(List.of(VectorUploadReader.LOOKUP_BATCH, 1), lookups.stream().map(Collection::size).toList());
    }

    @Test
    void afterTheFirstBadLineNothingIsYieldedButEveryLineIsChecked() {
        VectorUploadReader reader = reader("""
                {"item_id":"a","vector":[1,2]}
                {"item_id":"b","vector":[1]}
                {"item_id":"c","vector":[1,2]}
                {"item_id":"zz","vector":[1,2]}
                """, Map.of("a", 1L, "b", 2L, "c", 3L));
        ProblemException problem = assertThrows(ProblemException.class, () -> drain(reader));
        assertEquals(400, problem.status);
        assertEquals(2L, problem.extensions.get("errorCount"));
        assertEquals(List.of(new LineErrors.LineError(2, "dimension 1 differs from the model's 2"),
                new LineErrors.LineError(4, "unknown item 'zz'")), problem.extensions.get("errors"));
    }

    @Test
    void floatOverflowIsNotFinite() {
        ProblemException problem = assertThrows(ProblemException.class,
                () -> drain(reader("{\"item_id\":\"a\",\"vector\":[1e39]}", Map.of("a", 1L))));
        assertEquals(List.of(new LineErrors.LineError(1, "element 0 is not a finite 32-bit float")),
                problem.extensions.get("errors"));
    }

    @Test
    void trailingGarbageAndNonStringIdsAreRejected() {
        ProblemException problem = assertThrows(ProblemException.class, () -> drain(reader("""
                {"item_id":"a","vector":[1]} {"x":1}
                {"item_id":7,"vector":[1]}
                {"item_id":"","vector":[1]}
                """, Map.of("a", 1L))));
        assertEquals(3L, problem.extensions.get("errorCount"));
    }

    @Test
    void aRunawayLineIsReportedNotKeptAndCrLfEndsALine() {
        String huge = "{\"item_id\":\"a\",\"vector\":[" + "1,".repeat(VectorUploadReader.MAX_LINE_CHARS) + "1]}";
        ProblemException problem = assertThrows(ProblemException.class,
                () -> drain(reader("{\"item_id\":\"b\",\"vector\":[1]}\r\n" + huge + "\r\n", Map.of("a", 1L, "b", 2L))));
        assertEquals(List.of(new LineErrors.LineError(2, "longer than " + VectorUploadReader.MAX_LINE_CHARS + " characters")),
                problem.extensions.get("errors"));
    }

    @Test
    void anEmptyUploadIsRejected() {
        ProblemException problem = assertThrows(ProblemException.class, () -> drain(reader("\n \n", Map.of())));
        assertEquals(400, problem.status);
    }
}
