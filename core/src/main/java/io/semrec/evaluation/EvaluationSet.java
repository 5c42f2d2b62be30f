package io.semrec.evaluation;

/**
 * Users to rank for: each full history (item indices, oldest first, never empty) and the item that
 * came next.
 */
public record EvaluationSet(int[][] histories, int[] targets) {

    public EvaluationSet {
        if (histories.length != targets.length) {
            throw new IllegalArgumentException(
                    "histories and targets differ in length: " + histories.length + " and " + targets.length);
        }
    }

    public int size() {
        return targets.length;
    }
}
