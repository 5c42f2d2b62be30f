package io.semrec.training.sasrec;

import io.semrec.training.spec.InvalidParameterException;
import io.semrec.training.spec.ResolvedParameters;
import io.semrec.training.spec.SasrecParameters;

/**
 * SASRec's hyper-parameters as the trainer reads them; declared (names, defaults, ranges, help) in
 * {@link SasrecParameters#SPEC}.
 *
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
        int seed,
        boolean refit,
        int threads) {

    public static final SasrecParams DEFAULTS = from(SasrecParameters.SPEC.resolve(null));

    public SasrecParams {
        if (dim % heads != 0) {
            throw new InvalidParameterException(SasrecParameters.HEADS, "must divide dim " + dim);
        }
    }

    /** From parameters resolved against {@link SasrecParameters#SPEC}. */
    public static SasrecParams from(ResolvedParameters values) {
        return new SasrecParams(
                values.getInt(SasrecParameters.DIM),
                values.getInt(SasrecParameters.LAYERS),
                values.getInt(SasrecParameters.HEADS),
                values.getDouble(SasrecParameters.DROPOUT),
                values.getInt(SasrecParameters.BATCH_SIZE),
                values.getDouble(SasrecParameters.LR),
                values.getInt(SasrecParameters.MAX_EPOCHS),
                values.getInt(SasrecParameters.PATIENCE),
                values.getInt(SasrecParameters.MAX_HISTORY),
                SasrecLoss.fromWireName(values.getString(SasrecParameters.LOSS)),
                values.getInt(SasrecParameters.SEED),
                values.getBoolean(SasrecParameters.REFIT),
                values.getInt(SasrecParameters.THREADS));
    }
}
