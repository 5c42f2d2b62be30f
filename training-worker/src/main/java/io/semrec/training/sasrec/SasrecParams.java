package io.semrec.training.sasrec;

/**
 * SASRec's hyper-parameters.
 *
 * @param dim width of item and hidden vectors (and of the published item vectors)
 * @param layers transformer blocks
 * @param heads attention heads; divides {@code dim}
 * @param dropout dropout rate on embeddings, attention weights and residual branches
 * @param batchSize user sequences per optimisation step
 * @param lr Adam learning rate
 * @param maxEpochs upper bound on training epochs
 * @param patience epochs without a better validation NDCG@10 before stopping
 * @param maxHistory most recent items the model reads; also the number of positions
 * @param loss training objective
 * @param seed seeds initialisation, dropout, shuffling and negative sampling
 * @param refit whether the published model is retrained on all events for the chosen epoch count
 * @param threads intra-op threads for the engine; 0 keeps the engine's default (all cores)
 */
public record SasrecParams(
        int dim,
        int layers,
        int heads,
        double dropout,
        int batchSize,
        double lr,
        int maxEpochs,
        int patience,
        int maxHistory,
        SasrecLoss loss,
        long seed,
        boolean refit,
        int threads) {

    public static final SasrecParams DEFAULTS =
            new SasrecParams(64, 2, 1, 0.2, 128, 1e-3, 200, 10, 50, SasrecLoss.CE, 42, true, 0);

    public SasrecParams {
        if (dim < 1 || heads < 1 || dim % heads != 0) {
            throw new IllegalArgumentException("dim " + dim + " must be a positive multiple of heads " + heads);
        }
        if (layers < 1 || batchSize < 1 || maxEpochs < 1 || patience < 1 || maxHistory < 1 || threads < 0) {
            throw new IllegalArgumentException("layers, batchSize, maxEpochs, patience and maxHistory must be"
                    + " at least 1 and threads at least 0");
        }
        if (!(dropout >= 0 && dropout < 1) || !(lr > 0)) {
            throw new IllegalArgumentException("dropout must be in [0, 1) and lr positive");
        }
    }
}
