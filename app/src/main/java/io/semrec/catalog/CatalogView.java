package io.semrec.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;
import java.util.Map;

/** A catalog as the API shows it; {@code counts} only on single-catalog reads. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CatalogView(
        String slug,
        String name,
        EffectiveSettings settings,
        Long activeModelId,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        Counts counts) {

    /** Settings with defaults filled in, so clients see what is in force; a null retrainSchedule means never. */
    public record EffectiveSettings(int efSearch, int historyLength, String retrainSchedule, String defaultMethod,
            Map<String, Object> defaultParams) {
    }

    public record Counts(long items, long availableItems, long events, long users, long models) {
    }

    static CatalogView of(Catalog catalog, Counts counts) {
        CatalogSettings s = catalog.settings;
        return new CatalogView(catalog.slug, catalog.name,
                new EffectiveSettings(s.efSearchOrDefault(), s.historyLengthOrDefault(), s.retrainSchedule(),
                        s.defaultMethod(), s.defaultParamsOrEmpty()),
                catalog.activeModelId, catalog.createdAt, catalog.updatedAt, counts);
    }
}
