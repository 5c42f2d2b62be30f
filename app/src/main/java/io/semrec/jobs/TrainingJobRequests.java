package io.semrec.jobs;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.util.Map;

/** Request bodies of the training job endpoints. */
public final class TrainingJobRequests {

    private TrainingJobRequests() {
    }

    /**
     * @param params the method's parameters; omitted ones take their defaults
     * @param activate whether the trained model becomes the catalog's active one; default never
     */
    public record Create(
            @NotBlank String method,
            Map<String, Object> params,
            @Pattern(regexp = "never|always|if-better", message = "must be never, always or if-better") String activate) {
    }
}
