package io.semrec.training.recformer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TargetSamplingTest {

    private static final int[][] SEQUENCES = {{1}, {1, 2}, {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, {4, 5, 6}};

    @Test
    void pretrainingTargetsLieInTheSecondHalfAndCoverIt() {
        Set<Integer> ends = new HashSet<>();
        SplittableRandom random = new SplittableRandom(1);
        for (int epoch = 0; epoch < 200; epoch++) {
            List<TargetSampling.Example> examples = TargetSampling.pretraining(SEQUENCES, random);
            assertEquals(3, examples.size(), "one pair per sequence of two or more items");
            for (TargetSampling.Example example : examples) {
                int[] sequence = SEQUENCES[example.sequence()];
                assertEquals(sequence[example.end()], example.target());
                assertTrue(example.end() >= Math.max(1, sequence.length / 2) && example.end() < sequence.length);
                if (example.sequence() == 2) {
                    ends.add(example.end());
                }
            }
        }
        assertEquals(Set.of(5, 6, 7, 8, 9), ends);
    }

    @Test
    void finetuningTargetsFollowAtLeastOneItem() {
        Set<Integer> ends = new HashSet<>();
        SplittableRandom random = new SplittableRandom(2);
        for (int epoch = 0; epoch < 300; epoch++) {
            for (TargetSampling.Example example : TargetSampling.finetuning(SEQUENCES, random)) {
                if (example.sequence() == 2) {
                    ends.add(example.end());
                }
                assertTrue(example.end() >= 1);
            }
        }
        assertEquals(Set.of(1, 2, 3, 4, 5, 6, 7, 8, 9), ends);
    }

    @Test
    void aFineTuningEpochDrawsAtMostItsLimitOfSequencesAfreshEachEpoch() {
        int[][] sequences = new int[50][];
        for (int s = 0; s < sequences.length; s++) {
            sequences[s] = new int[] {s, s + 1, s + 2};
        }
        SplittableRandom random = new SplittableRandom(3);
        Set<Integer> seen = new HashSet<>();
        for (int epoch = 0; epoch < 20; epoch++) {
            List<TargetSampling.Example> examples = RecformerTrainer.epochExamples(sequences, 10, random);
            assertEquals(10, examples.size());
            Set<Integer> distinct = new HashSet<>();
            examples.forEach(example -> distinct.add(example.sequence()));
            assertEquals(10, distinct.size(), "no sequence twice in one epoch");
            seen.addAll(distinct);
        }
        assertTrue(seen.size() > 40, "other sequences in other epochs: " + seen.size());
        assertEquals(50, RecformerTrainer.epochExamples(sequences, 1000, random).size(), "all when fewer");
    }
}
