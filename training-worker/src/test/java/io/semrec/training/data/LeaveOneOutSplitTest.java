package io.semrec.training.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.semrec.evaluation.EvaluationSet;
import org.junit.jupiter.api.Test;

class LeaveOneOutSplitTest {

    private final int[][] histories = {
        {1, 2, 3, 4, 5},
        {7, 8},
        {9},
        {4, 5, 6},
    };
    private final LeaveOneOutSplit split = LeaveOneOutSplit.of(histories);

    @Test
    void trainingDropsTheLastTwoItemsOfEvaluatedUsers() {
        assertArrayEquals(new int[][] {{1, 2, 3}, {7, 8}, {9}, {4}}, split.trainSequences());
    }

    @Test
    void trainingBeforeTheTestDropsOnlyTheLastItem() {
        assertArrayEquals(new int[][] {{1, 2, 3, 4}, {7, 8}, {9}, {4, 5}}, split.trainAndValidationSequences());
    }

    @Test
    void allSequencesAreTheFullHistories() {
        assertArrayEquals(histories, split.allSequences());
    }

    @Test
    void validationPredictsTheSecondToLastFromEverythingBefore() {
        EvaluationSet validation = split.validation();
        assertEquals(2, validation.size());
        assertArrayEquals(new int[][] {{1, 2, 3}, {4}}, validation.histories());
        assertArrayEquals(new int[] {4, 5}, validation.targets());
    }

    @Test
    void testPredictsTheLastFromEverythingBefore() {
        EvaluationSet test = split.test();
        assertArrayEquals(new int[][] {{1, 2, 3, 4}, {4, 5}}, test.histories());
        assertArrayEquals(new int[] {5, 6}, test.targets());
    }

    @Test
    void usersWithFewerThanThreeEventsAreTrainingOnly() {
        LeaveOneOutSplit shortOnly = LeaveOneOutSplit.of(new int[][] {{1, 2}, {3}});
        assertEquals(0, shortOnly.validation().size());
        assertEquals(0, shortOnly.test().size());
        assertArrayEquals(new int[][] {{1, 2}, {3}}, shortOnly.trainSequences());
    }
}
