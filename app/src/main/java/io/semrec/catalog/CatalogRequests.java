package io.semrec.catalog;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;

/** Request bodies of the catalog endpoints. */
public final class CatalogRequests {

    private CatalogRequests() {
    }

    /** Retrain fields are checked against the schedule syntax and the methods' declarations by the service. */
    public record Settings(
            @Min(CatalogSettings.MIN_EF_SEARCH) @Max(CatalogSettings.MAX_EF_SEARCH) Integer efSearch,
            @Min(1) @Max(CatalogSettings.MAX_HISTORY_LENGTH) Integer historyLength,
            @Size(max = 200) String retrainSchedule,
            @Size(max = 100) String defaultMethod,
            Map<String, Object> defaultParams) {

        CatalogSettings toSettings() {
            return new CatalogSettings(efSearch, historyLength, retrainSchedule, defaultMethod, defaultParams);
        }
    }

    public record Create(
            @NotBlank @Pattern(regexp = "[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?",
                    message = "lowercase letters, digits and inner dashes, at most 64 characters") String slug,
            @NotBlank @Size(max = 200) String name,
            @Valid Settings settings) {
    }

    public record Update(@Size(min = 1, max = 200) String name, @Valid Settings settings) {
    }
}
