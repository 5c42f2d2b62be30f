package io.semrec.training.said;

import io.semrec.training.sasrec.SasrecLoss;
import io.semrec.training.sasrec.SasrecParams;
import io.semrec.training.spec.InvalidParameterException;
import io.semrec.training.spec.ResolvedParameters;
import io.semrec.training.spec.SaidParameters;
import java.util.List;

/**
 * SAID's hyper-parameters as the trainer reads them; declared (names, defaults, ranges, help) in
 * {@link SaidParameters#SPEC}.
 *
 * @param textIdInit whether the projector's item-ID rows start from the items' text coordinates
 * @param projectorHidden hidden widths of the projector's MLP, input side first
 * @param stage2 the downstream model's settings, in SASRec's terms (full-softmax cross-entropy)
 */
public record SaidParams(
        String lm,
        int lmAdaptEpochs,
        String textTemplate,
        int tokenBudget,
        int softTokens,
        int idDim,
        boolean textIdInit,
        List<Integer> projectorHidden,
        int stage1Epochs,
        double stage1Lr,
        int stage1BatchSize,
        int recoveryTokens,
        int recoverySample,
        String downstream,
        boolean outputBias,
        boolean itemResidual,
        SasrecParams stage2) {

    public SaidParams {
        projectorHidden = List.copyOf(projectorHidden);
    }

    public boolean gru() {
        return SaidParameters.GRU.equals(downstream);
    }

    public int seed() {
        return stage2.seed();
    }

    public int threads() {
        return stage2.threads();
    }

    /** From parameters resolved against {@link SaidParameters#SPEC}. */
    public static SaidParams from(ResolvedParameters values) {
        String downstream = values.getString(SaidParameters.DOWNSTREAM);
        // The GRU has no heads; any dim is fine for it.
        int heads = SaidParameters.GRU.equals(downstream) ? 1 : values.getInt(SaidParameters.HEADS);
        if (values.getInt(SaidParameters.DIM) % heads != 0) {
            throw new InvalidParameterException(SaidParameters.HEADS, "must divide dim " + values.getInt(SaidParameters.DIM));
        }
        SasrecParams stage2 = new SasrecParams(
                values.getInt(SaidParameters.DIM),
                values.getInt(SaidParameters.LAYERS),
                heads,
                values.getDouble(SaidParameters.DROPOUT),
                values.getInt(SaidParameters.BATCH_SIZE),
                values.getDouble(SaidParameters.LR),
                values.getInt(SaidParameters.MAX_EPOCHS),
                values.getInt(SaidParameters.PATIENCE),
                values.getInt(SaidParameters.MAX_HISTORY),
                SasrecLoss.CE,
                values.getInt(SaidParameters.SEED),
                values.getBoolean(SaidParameters.REFIT),
                values.getInt(SaidParameters.THREADS));
        return new SaidParams(
                values.getString(SaidParameters.LM),
                values.getInt(SaidParameters.LM_ADAPT_EPOCHS),
                values.getString(SaidParameters.TEXT_TEMPLATE),
                values.getInt(SaidParameters.TOKEN_BUDGET),
                values.getInt(SaidParameters.SOFT_TOKENS),
                values.getInt(SaidParameters.ID_DIM),
                SaidParameters.ID_INIT_TEXT.equals(values.getString(SaidParameters.ID_INIT)),
                hiddenWidths(values.getStringList(SaidParameters.PROJECTOR_HIDDEN)),
                values.getInt(SaidParameters.STAGE1_EPOCHS),
                values.getDouble(SaidParameters.STAGE1_LR),
                values.getInt(SaidParameters.STAGE1_BATCH_SIZE),
                values.getInt(SaidParameters.RECOVERY_TOKENS),
                values.getInt(SaidParameters.RECOVERY_SAMPLE),
                downstream,
                values.getBoolean(SaidParameters.OUTPUT_BIAS),
                values.getBoolean(SaidParameters.ITEM_RESIDUAL),
                stage2);
    }

    private static List<Integer> hiddenWidths(List<String> texts) {
        return texts.stream().map(text -> {
            try {
                int width = Integer.parseInt(text.strip());
                if (width < 1 || width > 8192) {
                    throw new InvalidParameterException(SaidParameters.PROJECTOR_HIDDEN, "widths must be 1 to 8192");
                }
                return width;
            } catch (NumberFormatException e) {
                throw new InvalidParameterException(SaidParameters.PROJECTOR_HIDDEN, "must be integers");
            }
        }).toList();
    }
}
