package io.semrec.training;

/**
 * Tracks a validation score across epochs (higher is better) and says when it has not improved for
 * {@code patience} epochs, so trainers can stop and restore the best checkpoint.
 */
public final class EarlyStopping {

    private final int patience;
    private int bestEpoch = -1;
    private double bestScore = Double.NEGATIVE_INFINITY;
    private int epochsWithoutImprovement;

    public EarlyStopping(int patience) {
        if (patience < 1) {
            throw new IllegalArgumentException("patience must be at least 1");
        }
        this.patience = patience;
    }

    /**
     * Records an epoch's score.
     *
     * @return true when it is a new best (strictly higher), i.e. the caller should keep this checkpoint
     */
    public boolean record(int epoch, double score) {
        if (score > bestScore) {
            bestScore = score;
            bestEpoch = epoch;
            epochsWithoutImprovement = 0;
            return true;
        }
        epochsWithoutImprovement++;
        return false;
    }

    /** True once {@code patience} epochs in a row failed to improve on the best. */
    public boolean shouldStop() {
        return epochsWithoutImprovement >= patience;
    }

    /** The epoch of the best score, or -1 before the first {@link #record}. */
    public int bestEpoch() {
        return bestEpoch;
    }

    public double bestScore() {
        return bestScore;
    }
}
