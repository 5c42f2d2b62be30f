package io.semrec.training.textknn;

import io.semrec.training.spec.ResolvedParameters;
import io.semrec.training.spec.TextKnnParameters;
import java.util.List;

/** text-knn's settings, read from its declared parameters ({@link TextKnnParameters}). */
public record TextKnnConfig(
        List<String> attributes, int dim, double decay, int maxHistory, boolean sublinearTf, int maxVocabulary) {

    public static TextKnnConfig from(ResolvedParameters parameters) {
        return new TextKnnConfig(
                parameters.getStringList(TextKnnParameters.ATTRIBUTES),
                parameters.getInt(TextKnnParameters.DIM),
                parameters.getDouble(TextKnnParameters.DECAY),
                parameters.getInt(TextKnnParameters.MAX_HISTORY),
                parameters.getBoolean(TextKnnParameters.SUBLINEAR_TF),
                parameters.getInt(TextKnnParameters.MAX_VOCABULARY));
    }

    /** These settings with another output width. */
    public TextKnnConfig withDim(int otherDim) {
        return new TextKnnConfig(attributes, otherDim, decay, maxHistory, sublinearTf, maxVocabulary);
    }

    public static TextKnnConfig defaults() {
        return from(TextKnnParameters.SPEC.resolve(null));
    }
}
