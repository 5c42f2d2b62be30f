package io.semrec.training.data;

import io.semrec.evaluation.EvaluationSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Leave-one-out per user: the last item is the test target, the second to last the validation
 * target, everything before is training. Users with fewer than {@link #MIN_EVALUATED_EVENTS}
 * events cannot give a training prefix plus two targets, so their whole history is training data
 * only (they are in no evaluation set).
 */
public final class LeaveOneOutSplit {

    /** Events a user needs to appear in the validation and test sets. */
    public static final int MIN_EVALUATED_EVENTS = 3;

    private final int[][] train;
    private final int[][] beforeTest;
    private final int[][] all;
    private final EvaluationSet validation;
    private final EvaluationSet test;

    private LeaveOneOutSplit(int[][] histories) {
        all = histories;
        train = new int[histories.length][];
        beforeTest = new int[histories.length][];
        List<int[]> validationInputs = new ArrayList<>();
        List<int[]> testInputs = new ArrayList<>();
        int evaluated = (int) Arrays.stream(histories).filter(h -> h.length >= MIN_EVALUATED_EVENTS).count();
        int[] validationTargets = new int[evaluated];
        int[] testTargets = new int[evaluated];
        for (int u = 0; u < histories.length; u++) {
            int[] history = histories[u];
            int n = history.length;
            if (n < MIN_EVALUATED_EVENTS) {
                train[u] = history;
                beforeTest[u] = history;
                continue;
            }
            train[u] = Arrays.copyOf(history, n - 2);
            beforeTest[u] = Arrays.copyOf(history, n - 1);
            validationTargets[validationInputs.size()] = history[n - 2];
            testTargets[testInputs.size()] = history[n - 1];
            validationInputs.add(train[u]);
            testInputs.add(beforeTest[u]);
        }
        validation = new EvaluationSet(validationInputs.toArray(int[][]::new), validationTargets);
        test = new EvaluationSet(testInputs.toArray(int[][]::new), testTargets);
    }

    public static LeaveOneOutSplit of(InteractionDataset dataset) {
        return new LeaveOneOutSplit(dataset.histories());
    }

    public static LeaveOneOutSplit of(int[][] histories) {
        return new LeaveOneOutSplit(histories);
    }

    /** What a model may learn from before validation: every user's history without its last two items. */
    public int[][] trainSequences() {
        return train;
    }

    /**
     * What a model may learn from before the test: every history without its last item (training
     * plus validation targets), e.g. popularity counts for test-time ranking.
     */
    public int[][] trainAndValidationSequences() {
        return beforeTest;
    }

    /** Every event, for the final refit of a model that is published. */
    public int[][] allSequences() {
        return all;
    }

    /** Input: all but the last two items; target: the second to last. */
    public EvaluationSet validation() {
        return validation;
    }

    /** Input: all but the last item; target: the last. */
    public EvaluationSet test() {
        return test;
    }
}
