package io.semrec.training.spec;

import java.util.List;

/**
 * Parameters of {@code said}: stage 1 aligns item-ID embeddings with a frozen causal language model
 * through soft tokens; stage 2 trains a light sequence model on those frozen embeddings.
 */
public final class SaidParameters {

    public static final String METHOD = "said";

    public static final String LM = "lm";
    public static final String LM_ADAPT_EPOCHS = "lmAdaptEpochs";
    public static final String TEXT_TEMPLATE = "textTemplate";
    public static final String TOKEN_BUDGET = "tokenBudget";
    public static final String SOFT_TOKENS = "softTokens";
    public static final String ID_DIM = "idDim";
    public static final String ID_INIT = "idInit";
    public static final String PROJECTOR_HIDDEN = "projectorHidden";
    public static final String STAGE1_EPOCHS = "stage1Epochs";
    public static final String STAGE1_LR = "stage1Lr";
    public static final String STAGE1_BATCH_SIZE = "stage1BatchSize";
    public static final String RECOVERY_TOKENS = "recoveryTokens";
    public static final String RECOVERY_SAMPLE = "recoverySample";
    public static final String DOWNSTREAM = "downstream";
    public static final String DIM = "dim";
    public static final String LAYERS = "layers";
    public static final String HEADS = "heads";
    public static final String DROPOUT = "dropout";
    public static final String OUTPUT_BIAS = "outputBias";
    public static final String ITEM_RESIDUAL = "itemResidual";
    public static final String BATCH_SIZE = "batchSize";
    public static final String LR = "lr";
    public static final String MAX_EPOCHS = "maxEpochs";
    public static final String PATIENCE = "patience";
    public static final String MAX_HISTORY = "maxHistory";
    public static final String REFIT = "refit";
    public static final String SEED = "seed";
    public static final String THREADS = "threads";

    /** Language-model sources that are not checkpoint ids. */
    public static final String LM_BOOTSTRAP = "bootstrap";
    public static final String LM_SCRATCH = "scratch";
    public static final String TRANSFORMER = "transformer";
    public static final String GRU = "gru";
    public static final String ID_INIT_TEXT = "text";
    public static final String ID_INIT_RANDOM = "random";

    public static final String DEFAULT_TEMPLATE =
            "title: {title} brand: {brand} categories: {categories} description: {description}";

    public static final MethodParameters SPEC = new MethodParameters(METHOD,
            "SAID: item-ID embeddings aligned with a frozen language model (stage 1) feeding a light sequence "
                    + "model (stage 2); item vectors scored by dot product",
            List.of(
                    ParameterSpec.string(LM, LM_BOOTSTRAP, List.of(),
                            "language model: bootstrap (MiniLM adapted to the catalog's text), scratch, or a "
                                    + "checkpoint id in the artifact folder"),
                    ParameterSpec.integer(LM_ADAPT_EPOCHS, 1, 0, 100,
                            "causal-LM adaptation epochs of the bootstrap LM on the item text (0: pretrained "
                                    + "MiniLM as is); the adapted LM is cached for later jobs on the same text"),
                    ParameterSpec.string(TEXT_TEMPLATE, DEFAULT_TEMPLATE, List.of(),
                            "item text: {attribute} placeholders are replaced by the item's values"),
                    ParameterSpec.integer(TOKEN_BUDGET, 24, 4, 512,
                            "item text is cut to this many tokens (stage-1 cost grows with it)"),
                    ParameterSpec.integer(SOFT_TOKENS, 2, 1, 16, "soft tokens (K) the projector makes per item"),
                    ParameterSpec.integer(ID_DIM, 64, 4, 1024, "width of the projector's item-ID embedding"),
                    ParameterSpec.string(ID_INIT, ID_INIT_TEXT, List.of(ID_INIT_TEXT, ID_INIT_RANDOM),
                            "how item-ID rows start: text (the item text's TF-IDF/SVD coordinates, as text-knn "
                                    + "computes them) or random"),
                    ParameterSpec.stringList(PROJECTOR_HIDDEN, List.of("256"), 0, 4,
                            "hidden widths of the projector's MLP (integers; empty for one linear map)"),
                    ParameterSpec.integer(STAGE1_EPOCHS, 2, 1, 1000, "stage-1 epochs over the catalog's items"),
                    ParameterSpec.number(STAGE1_LR, 5e-3, 1e-6, 1, "stage-1 Adam learning rate"),
                    ParameterSpec.integer(STAGE1_BATCH_SIZE, 32, 1, 4096, "items per stage-1 step"),
                    ParameterSpec.integer(RECOVERY_TOKENS, 5, 1, 64,
                            "exact recovery: greedy decoding must reproduce this many first text tokens"),
                    ParameterSpec.integer(RECOVERY_SAMPLE, 256, 1, 100_000,
                            "items checked for exact recovery after each stage-1 epoch"),
                    ParameterSpec.string(DOWNSTREAM, TRANSFORMER, List.of(TRANSFORMER, GRU),
                            "stage-2 sequence model: SASRec-style transformer or GRU4Rec-style GRU"),
                    ParameterSpec.integer(DIM, 64, 8, 1024,
                            "stage-2 width: stage-1 embeddings are mapped to it (the published vectors)"),
                    ParameterSpec.integer(LAYERS, 2, 1, 8, "transformer blocks (transformer only)"),
                    ParameterSpec.integer(HEADS, 1, 1, 16, "attention heads; must divide dim (transformer only)"),
                    ParameterSpec.number(DROPOUT, 0.2, 0, 0.9, "stage-2 dropout"),
                    ParameterSpec.bool(OUTPUT_BIAS, true,
                            "learn a per-item output bias, published as one extra vector dimension"),
                    ParameterSpec.bool(ITEM_RESIDUAL, true,
                            "learn a per-item residual (starting at zero) added to the mapped stage-1 embedding"),
                    ParameterSpec.integer(BATCH_SIZE, 128, 1, 4096, "user sequences per stage-2 step"),
                    ParameterSpec.number(LR, 1e-3, 1e-6, 1, "stage-2 Adam learning rate"),
                    ParameterSpec.integer(MAX_EPOCHS, 100, 1, 10_000, "upper bound on stage-2 epochs"),
                    ParameterSpec.integer(PATIENCE, 10, 1, 1000,
                            "stage-2 epochs without a better validation NDCG@10 before training stops"),
                    ParameterSpec.integer(MAX_HISTORY, 50, 1, 1000, "most recent history items stage 2 reads"),
                    ParameterSpec.bool(REFIT, true,
                            "retrain stage 2 on all events for the early-stopped number of epochs"),
                    ParameterSpec.integer(SEED, 42, 0, Integer.MAX_VALUE,
                            "seeds initialisation, dropout and shuffling of both stages"),
                    ParameterSpec.integer(THREADS, 0, 0, 1024,
                            "intra-op threads of the training engine; 0 keeps its default (all cores)"),
                    EvaluationParameters.MASK_SEEN_SPEC)).withRefresh();

    private SaidParameters() {
    }
}
