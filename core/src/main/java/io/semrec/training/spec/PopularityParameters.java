package io.semrec.training.spec;

import java.util.List;

/** Parameters of {@code popularity}: none; it ranks items by how often they occur in the events. */
public final class PopularityParameters {

    public static final String METHOD = "popularity";

    public static final MethodParameters SPEC = new MethodParameters(METHOD,
            "Most frequent items over all events (a baseline; ignores the user's history)", List.of());

    private PopularityParameters() {
    }
}
