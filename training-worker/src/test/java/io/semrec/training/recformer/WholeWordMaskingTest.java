package io.semrec.training.recformer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.semrec.encoder.RecformerArchitecture;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Masking statistics on a synthetic sequence of known words, seeded. */
class WholeWordMaskingTest {

    private static final int MASK = 103;
    private static final int VOCABULARY = 30_522;

    /** [CLS] then 2,000 words of 3 tokens each (a start and two continuations); token ids 1000.. . */
    private static TokenSequence words() {
        int n = 1 + 3 * 2000;
        int[] ids = new int[n];
        int[] types = new int[n];
        int[] items = new int[n];
        boolean[] starts = new boolean[n];
        ids[0] = 101;
        types[0] = RecformerArchitecture.CLS;
        for (int t = 1; t < n; t++) {
            ids[t] = 1000 + t;
            types[t] = RecformerArchitecture.VALUE;
            items[t] = 1;
            starts[t] = (t - 1) % 3 == 0;
        }
        return new TokenSequence(ids, types, items, starts);
    }

    @Test
    void masksWholeWordsAtTheRateAndSplitsReplacements80_10_10() {
        TokenSequence sequence = words();
        WholeWordMasking masking = new WholeWordMasking(0.15, MASK, VOCABULARY);
        SplittableRandom random = new SplittableRandom(7);
        int words = 0;
        int chosenWords = 0;
        int targets = 0;
        int masked = 0;
        int kept = 0;
        int random10 = 0;
        for (int round = 0; round < 20; round++) {
            WholeWordMasking.Masked result = masking.mask(sequence, random);
            int[] labels = result.labels();
            int[] ids = result.inputs().ids();
            assertEquals(WholeWordMasking.IGNORED, labels[0], "[CLS] is never a target");
            assertEquals(101, ids[0]);
            for (int t = 1; t < ids.length; t += 3) {
                words++;
                boolean chosen = labels[t] != WholeWordMasking.IGNORED;
                chosenWords += chosen ? 1 : 0;
                for (int c = t; c < t + 3; c++) {
                    assertEquals(chosen, labels[c] != WholeWordMasking.IGNORED, "a word is masked whole");
                }
            }
            for (int t = 1; t < ids.length; t++) {
                if (labels[t] == WholeWordMasking.IGNORED) {
                    assertEquals(sequence.ids()[t], ids[t], "untouched outside targets");
                    continue;
                }
                assertEquals(sequence.ids()[t], labels[t], "labels are the original tokens");
                targets++;
                if (ids[t] == MASK) {
                    masked++;
                } else if (ids[t] == labels[t]) {
                    kept++;
                } else {
                    random10++;
                }
            }
            assertEquals(result.targets(), (int) java.util.Arrays.stream(labels).filter(l -> l >= 0).count());
        }
        // 40,000 words: the binomial standard deviation of the share is ~0.0018; 5 sigma bounds.
        assertEquals(0.15, chosenWords / (double) words, 0.009);
        // ~18,000 targets: shares within 5 sigma (~0.015 for 0.8, ~0.011 for 0.1).
        assertEquals(0.8, masked / (double) targets, 0.015);
        assertEquals(0.1, kept / (double) targets, 0.011);
        assertEquals(0.1, random10 / (double) targets, 0.011);
    }

    @Test
    void sameSeedSameMask() {
        WholeWordMasking masking = new WholeWordMasking(0.15, MASK, VOCABULARY);
        int[] a = masking.mask(words(), new SplittableRandom(3)).inputs().ids();
        int[] b = masking.mask(words(), new SplittableRandom(3)).inputs().ids();
        assertTrue(java.util.Arrays.equals(a, b));
    }
}
