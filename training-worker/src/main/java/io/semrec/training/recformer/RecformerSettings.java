package io.semrec.training.recformer;

import io.semrec.training.spec.RecformerParameters;
import io.semrec.training.spec.ResolvedParameters;
import java.util.List;

/**
 * Recformer's parameters as the trainer reads them; declared (names, defaults, ranges, help) in
 * {@link RecformerParameters#SPEC}.
 *
 * @param warmStart {@link RecformerParameters#MINILM} or a stored encoder id
 * @param pretrainDataset a catalog slug or a stored pre-trained encoder id; empty: the job's own catalog
 * @param threads intra-op threads for the engine; 0 keeps the engine's default
 */
public record RecformerSettings(
        List<String> attributes,
        int attributeTokens,
        int maxItems,
        int trainTokenBudget,
        int servingTokenBudget,
        int window,
        int layers,
        double tau,
        String warmStart,
        String pretrainDataset,
        int pretrainEpochs,
        int pretrainMaxSequences,
        double pretrainLr,
        int pretrainBatchSize,
        double mlmWeight,
        double mlmProbability,
        int finetuneEpochs,
        int frozenEpochs,
        double finetuneLr,
        int finetuneLayers,
        int finetuneBatchSize,
        int finetuneSequences,
        int patience,
        int validationUsers,
        int seed,
        int threads) {

    public static final RecformerSettings DEFAULTS = from(RecformerParameters.SPEC.resolve(null));

    public static RecformerSettings from(ResolvedParameters values) {
        return new RecformerSettings(
                values.getStringList(RecformerParameters.ATTRIBUTES),
                values.getInt(RecformerParameters.ATTRIBUTE_TOKENS),
                values.getInt(RecformerParameters.MAX_ITEMS),
                values.getInt(RecformerParameters.TRAIN_TOKEN_BUDGET),
                values.getInt(RecformerParameters.SERVING_TOKEN_BUDGET),
                values.getInt(RecformerParameters.WINDOW),
                values.getInt(RecformerParameters.LAYERS),
                values.getDouble(RecformerParameters.TAU),
                values.getString(RecformerParameters.WARM_START).strip(),
                values.getString(RecformerParameters.PRETRAIN_DATASET).strip(),
                values.getInt(RecformerParameters.PRETRAIN_EPOCHS),
                values.getInt(RecformerParameters.PRETRAIN_MAX_SEQUENCES),
                values.getDouble(RecformerParameters.PRETRAIN_LR),
                values.getInt(RecformerParameters.PRETRAIN_BATCH_SIZE),
                values.getDouble(RecformerParameters.MLM_WEIGHT),
                values.getDouble(RecformerParameters.MLM_PROBABILITY),
                values.getInt(RecformerParameters.FINETUNE_EPOCHS),
                values.getInt(RecformerParameters.FROZEN_EPOCHS),
                values.getDouble(RecformerParameters.FINETUNE_LR),
                values.getInt(RecformerParameters.FINETUNE_LAYERS),
                values.getInt(RecformerParameters.FINETUNE_BATCH_SIZE),
                values.getInt(RecformerParameters.FINETUNE_SEQUENCES),
                values.getInt(RecformerParameters.PATIENCE),
                values.getInt(RecformerParameters.VALIDATION_USERS),
                values.getInt(RecformerParameters.SEED),
                values.getInt(RecformerParameters.THREADS));
    }

    /** No fine-tuning at all: the (pre-trained) encoder is evaluated and published as it is. */
    public boolean zeroShot() {
        return finetuneEpochs == 0 && frozenEpochs == 0;
    }
}
