package io.semrec.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContextVectorsTest {

    @Test
    void itemsSharingContextsAreCloserThanUnrelatedItems() {
        // a and b always appear next to x; c only next to y.
        List<List<String>> histories = List.of(
                List.of("x", "a", "x"), List.of("x", "b", "x"), List.of("a", "x", "b"),
                List.of("y", "c", "y"), List.of("y", "c"));
        Map<String, float[]> v = new ContextVectors(256, 1, 3).vectors(histories);
        assertTrue(cosine(v.get("a"), v.get("b")) > cosine(v.get("a"), v.get("c")) + 0.2,
                "a~b " + cosine(v.get("a"), v.get("b")) + " vs a~c " + cosine(v.get("a"), v.get("c")));
        assertEquals(1.0, cosine(v.get("a"), v.get("a")), 1e-6);
        assertEquals(1.0, dot(v.get("c"), v.get("c")), 1e-5, "vectors are unit length");
    }

    @Test
    void deterministicForASeed() {
        List<List<String>> histories = List.of(List.of("1", "2", "3"), List.of("3", "2"));
        assertArrayEquals(new ContextVectors(8, 2, 5).vectors(histories).get("2"),
                new ContextVectors(8, 2, 5).vectors(histories).get("2"));
    }

    @Test
    void readsHistoriesInSequenceOrderNotFileOrder(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("events.csv");
        Files.writeString(csv, "user_id,item_id,seq\r\nu1,b,10\r\nu1,a,2\r\nu2,c,0\r\nu1,z,9\r\n");
        List<List<String>> histories = ContextVectors.readHistories(csv);
        assertTrue(histories.contains(List.of("a", "z", "b")), histories.toString());
        assertTrue(histories.contains(List.of("c")), histories.toString());
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double cosine(float[] a, float[] b) {
        return dot(a, b) / Math.sqrt(dot(a, a) * dot(b, b));
    }
}
