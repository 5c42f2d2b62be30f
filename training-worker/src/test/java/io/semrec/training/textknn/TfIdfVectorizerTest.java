package io.semrec.training.textknn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TfIdfVectorizerTest {

    // df: apple 2, red 2, car 1, green 1 (N = 3), so the vocabulary is apple, red, car, green.
    private static final List<List<String>> CORPUS = List.of(
            List.of("red", "apple"),
            List.of("green", "apple", "apple"),
            List.of("red", "car"));

    @Test
    void sublinearTfTimesIdfThenUnitLength() {
        // apple: (1 + ln 2) * ln(3/2) = 0.686512; green: 1 * ln 3 = 1.098612; norm 1.295472.
        SparseVector vector = TfIdfVectorizer.fit(CORPUS, true, 100).transform(CORPUS.get(1));
        assertArrayEquals(new int[] {0, 3}, vector.terms());
        assertArrayEquals(new float[] {0.529932f, 0.848040f}, vector.weights(), 1e-5f);
    }

    @Test
    void rawTfCountsRepeats() {
        // apple: 2 * ln(3/2) = 0.810930; green: ln 3 = 1.098612; norm 1.365487.
        SparseVector vector = TfIdfVectorizer.fit(CORPUS, false, 100).transform(CORPUS.get(1));
        assertArrayEquals(new float[] {0.593876f, 0.804557f}, vector.weights(), 1e-5f);
    }

    @Test
    void equalIdfTermsShareTheWeight() {
        SparseVector vector = TfIdfVectorizer.fit(CORPUS, true, 100).transform(CORPUS.get(0));
        assertArrayEquals(new int[] {0, 1}, vector.terms());
        assertArrayEquals(new float[] {0.707107f, 0.707107f}, vector.weights(), 1e-5f);
    }

    @Test
    void vocabularyKeepsTheTermsInTheMostDocuments() {
        TfIdfVectorizer vectorizer = TfIdfVectorizer.fit(CORPUS, true, 2);
        assertEquals(2, vectorizer.vocabularySize());
        SparseVector vector = vectorizer.transform(CORPUS.get(1));
        assertArrayEquals(new int[] {0}, vector.terms());
        assertArrayEquals(new float[] {1f}, vector.weights(), 1e-6f);
        assertEquals(0, vectorizer.transform(List.of("green", "unknown")).size());
    }
}
