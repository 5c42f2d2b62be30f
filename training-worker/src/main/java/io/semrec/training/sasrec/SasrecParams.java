package io.semrec.training.sasrec;

import io.semrec.training.spec.InvalidParameterException;
import io.semrec.training.spec.MethodParameters;
import io.semrec.training.spec.ParameterSpec;
import io.semrec.training.spec.ResolvedParameters;
import java.util.List;

/**
 * SASRec's hyper-parameters, declared once in {@link #SPEC} (names, defaults, ranges, help).
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

    public static final String METHOD = "sasrec";

    public static final MethodParameters SPEC = new MethodParameters(METHOD,
            "ID-based self-attentive sequential recommender (SASRec); scores items by dot product", List.of(
                    ParameterSpec.integer("dim", 64, 8, 1024, "width of item and hidden vectors"),
                    ParameterSpec.integer("layers", 2, 1, 8, "transformer blocks"),
                    ParameterSpec.integer("heads", 1, 1, 16, "attention heads; must divide dim"),
                    ParameterSpec.number("dropout", 0.2, 0, 0.9,
                            "dropout on embeddings, attention weights and residual branches"),
                    ParameterSpec.integer("batchSize", 128, 1, 4096, "user sequences per optimisation step"),
                    ParameterSpec.number("lr", 1e-3, 1e-6, 1, "Adam learning rate"),
                    ParameterSpec.integer("maxEpochs", 200, 1, 10_000, "upper bound on training epochs"),
                    ParameterSpec.integer("patience", 10, 1, 1000,
                            "epochs without a better validation NDCG@10 before stopping"),
                    ParameterSpec.integer("maxHistory", 50, 1, 1000,
                            "most recent items the model reads (its number of positions)"),
                    ParameterSpec.string("loss", SasrecLoss.CE.wireName(), List.of("ce", "bce"),
                            "ce: softmax cross-entropy over all items; bce: one sampled negative per position"),
                    ParameterSpec.integer("seed", 42, 0, Integer.MAX_VALUE,
                            "seeds initialisation, dropout, shuffling and negative sampling"),
                    ParameterSpec.bool("refit", true,
                            "retrain the published model on all events for the early-stopped epoch count"),
                    ParameterSpec.integer("threads", 0, 0, 1024,
                            "intra-op threads of the engine; 0 keeps its default (all cores)")));

    public static final SasrecParams DEFAULTS = from(SPEC.resolve(null));

    public SasrecParams {
        if (dim % heads != 0) {
            throw new InvalidParameterException("heads", "must divide dim " + dim);
        }
    }

    public static SasrecParams from(ResolvedParameters values) {
        return new SasrecParams(
                values.getInt("dim"),
                values.getInt("layers"),
                values.getInt("heads"),
                values.getDouble("dropout"),
                values.getInt("batchSize"),
                values.getDouble("lr"),
                values.getInt("maxEpochs"),
                values.getInt("patience"),
                values.getInt("maxHistory"),
                SasrecLoss.fromWireName(values.getString("loss")),
                values.getInt("seed"),
                values.getBoolean("refit"),
                values.getInt("threads"));
    }
}
