package io.semrec.training.spec;

import java.util.List;

/**
 * Parameters of {@code recformer}: a text-only sequential recommender (Recformer, KDD 2023) that reads
 * items as key–value text with a Longformer-style encoder warm-started from all-MiniLM-L6-v2.
 *
 * <p>The paper's model (12 layers, 1,024 tokens, thousands of GPU steps) does not fit a 2-core CPU job
 * of minutes; the training budgets below ({@link #LAYERS}, {@link #TRAIN_TOKEN_BUDGET},
 * {@link #PRETRAIN_MAX_SEQUENCES}, {@link #FINETUNE_SEQUENCES}, epochs) are what buys that, each declared here with its default.
 */
public final class RecformerParameters {

    public static final String METHOD = "recformer";
    public static final String ATTRIBUTES = "attributes";
    public static final String ATTRIBUTE_TOKENS = "attributeTokens";
    public static final String MAX_ITEMS = "maxItems";
    public static final String TRAIN_TOKEN_BUDGET = "trainTokenBudget";
    public static final String SERVING_TOKEN_BUDGET = "servingTokenBudget";
    public static final String WINDOW = "window";
    public static final String LAYERS = "layers";
    public static final String TAU = "tau";
    public static final String WARM_START = "warmStart";
    public static final String PRETRAIN_DATASET = "pretrainDataset";
    public static final String PRETRAIN_EPOCHS = "pretrainEpochs";
    public static final String PRETRAIN_MAX_SEQUENCES = "pretrainMaxSequences";
    public static final String PRETRAIN_LR = "pretrainLr";
    public static final String PRETRAIN_BATCH_SIZE = "pretrainBatchSize";
    public static final String MLM_WEIGHT = "mlmWeight";
    public static final String MLM_PROBABILITY = "mlmProbability";
    public static final String FINETUNE_EPOCHS = "finetuneEpochs";
    public static final String FROZEN_EPOCHS = "frozenEpochs";
    public static final String FINETUNE_LR = "finetuneLr";
    public static final String FINETUNE_LAYERS = "finetuneLayers";
    public static final String FINETUNE_BATCH_SIZE = "finetuneBatchSize";
    public static final String FINETUNE_SEQUENCES = "finetuneSequences";
    public static final String PATIENCE = "patience";
    public static final String VALIDATION_USERS = "validationUsers";
    public static final String SEED = "seed";
    public static final String THREADS = "threads";

    /** The default warm start: all-MiniLM-L6-v2's first {@link #LAYERS} layers. */
    public static final String MINILM = "all-minilm-l6-v2";

    public static final MethodParameters SPEC = new MethodParameters(METHOD,
            "Recformer: items and histories as key-value text through a Longformer-style encoder "
                    + "(warm start all-MiniLM-L6-v2); item vectors scored by cosine; no item IDs, new items need only text",
            List.of(
                    ParameterSpec.stringList(ATTRIBUTES, List.of("title", "brand", "categories"), 1, 20,
                            "item attributes read as key-value text, in this order"),
                    ParameterSpec.integer(ATTRIBUTE_TOKENS, 32, 2, 256,
                            "tokens per attribute (key and value together); longer values are cut"),
                    ParameterSpec.integer(MAX_ITEMS, 50, 1, 200, "most recent history items a sequence holds"),
                    ParameterSpec.integer(TRAIN_TOKEN_BUDGET, 64, 16, 1024,
                            "tokens of a training sequence (CLS included); the paper's 1,024 costs ~16x more per step"),
                    ParameterSpec.integer(SERVING_TOKEN_BUDGET, 64, 16, 1024,
                            "tokens of a history when serving and when evaluating (CLS included)"),
                    ParameterSpec.integer(WINDOW, 64, 2, 1024,
                            "Longformer local attention window (window/2 tokens each side); CLS attends globally"),
                    ParameterSpec.integer(LAYERS, 6, 1, 6,
                            "pretrained MiniLM layers kept (the first ones); below 6 the warm start's CLS vectors are"
                                    + " nearly the same for every item (docs/decisions/0011)"),
                    ParameterSpec.number(TAU, 0.05, 1e-3, 10, "temperature: score = cosine / tau"),
                    ParameterSpec.string(WARM_START, MINILM, List.of(),
                            MINILM + " (the pretrained sentence encoder) or a stored encoder id: where pre-training starts"),
                    ParameterSpec.string(PRETRAIN_DATASET, "", List.of(),
                            "catalog slug or pre-trained encoder id to pre-train on; empty: this catalog's training split"),
                    ParameterSpec.integer(PRETRAIN_EPOCHS, 1, 0, 100,
                            "pre-training epochs (one IIC target per sequence per epoch); 0 skips pre-training"),
                    ParameterSpec.integer(PRETRAIN_MAX_SEQUENCES, 320, 1, 10_000_000,
                            "user sequences sampled for pre-training (all when fewer)"),
                    ParameterSpec.number(PRETRAIN_LR, 5e-5, 1e-7, 1, "AdamW learning rate of pre-training"),
                    ParameterSpec.integer(PRETRAIN_BATCH_SIZE, 16, 2, 1024,
                            "sequences per pre-training step (the in-batch negatives)"),
                    ParameterSpec.number(MLM_WEIGHT, 0.1, 0, 10, "weight of the MLM loss: L = L_IIC + w * L_MLM"),
                    ParameterSpec.number(MLM_PROBABILITY, 0.15, 0, 0.9,
                            "share of whole words masked for MLM (80% [MASK], 10% random, 10% kept)"),
                    ParameterSpec.integer(FINETUNE_EPOCHS, 2, 0, 1000,
                            "stage-1 epochs (item matrix re-encoded each epoch); 0 with 0 frozenEpochs: zero-shot"),
                    ParameterSpec.integer(FROZEN_EPOCHS, 1, 0, 1000,
                            "stage-2 epochs: the best stage-1 item matrix frozen, the sequence side keeps training"),
                    ParameterSpec.number(FINETUNE_LR, 5e-5, 1e-7, 1, "AdamW learning rate of fine-tuning"),
                    ParameterSpec.integer(FINETUNE_LAYERS, 6, 1, 6,
                            "top encoder layers fine-tuning trains; the embeddings and the layers below stay frozen"
                                    + " (cheaper steps)"),
                    ParameterSpec.integer(FINETUNE_BATCH_SIZE, 16, 1, 1024, "sequences per fine-tuning step"),
                    ParameterSpec.integer(FINETUNE_SEQUENCES, 1600, 1, 10_000_000,
                            "user sequences (one target each) per fine-tuning epoch, drawn afresh each epoch; all when fewer"),
                    ParameterSpec.integer(PATIENCE, 2, 1, 1000,
                            "fine-tuning epochs without a better validation NDCG@10 before a stage stops"),
                    ParameterSpec.integer(VALIDATION_USERS, 300, 1, 10_000_000,
                            "validation users (a fixed sample) ranked after each fine-tuning epoch for early stopping"),
                    ParameterSpec.integer(SEED, 42, 0, Integer.MAX_VALUE,
                            "seeds sampling of targets, masks, sequences and shuffling"),
                    ParameterSpec.integer(THREADS, 0, 0, 1024,
                            "intra-op threads of the training engine; 0 keeps its default (all cores)"),
                    EvaluationParameters.MASK_SEEN_SPEC)).withRefresh();

    private RecformerParameters() {
    }
}
