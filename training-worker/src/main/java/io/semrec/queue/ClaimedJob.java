package io.semrec.queue;

import io.semrec.catalog.CatalogSettings;
import java.util.Map;

/**
 * A job this worker holds a lease on. {@code attempt} is the fencing token: every write for the job
 * requires the row to still be running this attempt under this owner.
 *
 * @param kind {@code train}, or {@code refresh} to extend {@code baseModelId}'s model (null otherwise)
 */
public record ClaimedJob(
        long id,
        long catalogId,
        String catalogSlug,
        CatalogSettings catalogSettings,
        String method,
        String kind,
        Long baseModelId,
        Map<String, Object> params,
        String activate,
        int attempt,
        int maxAttempts,
        String owner) {
}
