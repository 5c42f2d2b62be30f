package io.semrec.jobs;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.util.Map;

/** Request bodies of the training job endpoints. */
public final class TrainingJobRequests {

    private TrainingJobRequests() {
    }

    /**
     * @param params the method's parameters; omitted ones take their defaults. A refresh job takes its
     *     base model's and accepts none.
     * @param activate whether the trained model becomes the catalog's active one; default never
     * @param kind train (default) or refresh
     * @param baseModel the model a refresh job extends with the items added since it was trained
     */
    public record Create(
            @NotBlank String method,
            Map<String, Object> params,
            @Pattern(regexp = "never|always|if-better", message = "must be never, always or if-better") String activate,
            @Pattern(regexp = "train|refresh", message = "must be train or refresh") String kind,
            Long baseModel) {

        /** A request to train a new model. */
        public Create(String method, Map<String, Object> params, String activate) {
            this(method, params, activate, null, null);
        }
    }
}
