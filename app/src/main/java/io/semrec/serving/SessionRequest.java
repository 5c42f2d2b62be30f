package io.semrec.serving;

import io.semrec.catalog.CatalogSettings;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Body of the anonymous-session endpoint.
 *
 * @param history item ids the session saw, oldest first; items the catalog does not know are ignored
 * @param k how many items to return
 */
public record SessionRequest(
        @NotNull @Size(max = CatalogSettings.MAX_HISTORY_LENGTH) List<@NotBlank String> history,
        Integer k) {
}
