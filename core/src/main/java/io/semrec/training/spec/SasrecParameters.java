package io.semrec.training.spec;

import java.util.List;

/** Parameters of {@code sasrec}: an ID-based self-attentive sequential recommender trained on events. */
public final class SasrecParameters {

    public static final String METHOD = "sasrec";
    public static final String DIM = "dim";
    public static final String LAYERS = "layers";
    public static final String HEADS = "heads";
    public static final String DROPOUT = "dropout";
    public static final String BATCH_SIZE = "batchSize";
    public static final String LR = "lr";
    public static final String MAX_EPOCHS = "maxEpochs";
    public static final String PATIENCE = "patience";
    public static final String MAX_HISTORY = "maxHistory";
    public static final String LOSS = "loss";
    public static final String SEED = "seed";
    public static final String REFIT = "refit";
    public static final String THREADS = "threads";

    public static final MethodParameters SPEC = new MethodParameters(METHOD,
            "SASRec: causal self-attention over the item-ID history; item vectors scored by dot product",
            List.of(
                    ParameterSpec.integer(DIM, 64, 8, 1024, "width of item and hidden vectors (the published vectors)"),
                    ParameterSpec.integer(LAYERS, 2, 1, 8, "transformer blocks"),
                    ParameterSpec.integer(HEADS, 1, 1, 16, "attention heads; must divide dim"),
                    ParameterSpec.number(DROPOUT, 0.2, 0, 0.9,
                            "dropout on embeddings, attention weights and residual branches"),
                    ParameterSpec.integer(BATCH_SIZE, 128, 1, 4096, "user sequences per optimisation step"),
                    ParameterSpec.number(LR, 1e-3, 1e-6, 1, "Adam learning rate"),
                    ParameterSpec.integer(MAX_EPOCHS, 200, 1, 10_000, "upper bound on training epochs"),
                    ParameterSpec.integer(PATIENCE, 10, 1, 1000,
                            "epochs without a better validation NDCG@10 before training stops"),
                    ParameterSpec.integer(MAX_HISTORY, 50, 1, 1000,
                            "most recent history items the model reads (its number of positions)"),
                    ParameterSpec.string(LOSS, "ce", List.of("ce", "bce"),
                            "ce: softmax cross-entropy over all items; bce: one sampled negative per position"),
                    ParameterSpec.integer(SEED, 42, 0, Integer.MAX_VALUE,
                            "seeds initialisation, dropout, shuffling and negative sampling"),
                    ParameterSpec.bool(REFIT, true,
                            "retrain the published model on all events for the early-stopped number of epochs"),
                    ParameterSpec.integer(THREADS, 0, 0, 1024,
                            "intra-op threads of the training engine; 0 keeps its default (all cores)"),
                    EvaluationParameters.MASK_SEEN_SPEC));

    private SasrecParameters() {
    }
}
