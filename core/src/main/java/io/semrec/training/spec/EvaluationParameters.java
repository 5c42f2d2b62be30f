package io.semrec.training.spec;

/** Parameters every trained method shares: how its validation and test rankings are computed. */
public final class EvaluationParameters {

    public static final String MASK_SEEN = "maskSeen";

    public static final ParameterSpec MASK_SEEN_SPEC = ParameterSpec.bool(MASK_SEEN, true,
            "exclude items already in the user's history when ranking the validation and test targets");

    private EvaluationParameters() {
    }
}
