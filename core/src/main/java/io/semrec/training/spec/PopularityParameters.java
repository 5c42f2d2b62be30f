package io.semrec.training.spec;

import java.util.List;

/** Parameters of {@code popularity}: only how it is evaluated; it ranks items by how often they occur in the events. */
public final class PopularityParameters {

    public static final String METHOD = "popularity";

    public static final MethodParameters SPEC = new MethodParameters(METHOD,
            "Most frequent items over all events (a baseline; ignores the user's history)",
            List.of(EvaluationParameters.MASK_SEEN_SPEC));

    private PopularityParameters() {
    }
}
