package io.semrec.training.spec;

import java.util.List;
import java.util.Optional;

/** Every training method a job can name, with its parameters; what {@code GET /api/v1/methods} lists. */
public final class TrainingMethods {

    public static final List<MethodParameters> ALL = List.of(
            PopularityParameters.SPEC,
            TextKnnParameters.SPEC,
            SasrecParameters.SPEC,
            SaidParameters.SPEC,
            RecformerParameters.SPEC);

    private TrainingMethods() {
    }

    public static Optional<MethodParameters> find(String method) {
        return ALL.stream().filter(spec -> spec.method().equals(method)).findFirst();
    }
}
