package io.semrec.catalog;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * Per-catalog tuning. A null field means "use the default", so stored settings stay small and
 * defaults can improve without rewriting rows.
 *
 * @param efSearch HNSW candidate list size for serving queries (recall vs. speed)
 * @param historyLength how many of a user's most recent events form the query history
 * @param retrainSchedule cron expression (5 fields, UTC) on which a retrain is enqueued; null: never
 * @param defaultMethod the training method scheduled retrains use
 * @param defaultParams that method's parameters for scheduled retrains; omitted ones take their defaults
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CatalogSettings(
        Integer efSearch,
        Integer historyLength,
        String retrainSchedule,
        String defaultMethod,
        Map<String, Object> defaultParams) {

    // At 40, recall@10 on 100k x 64 was 0.46 and the app lost 20-40% of raw pgvector's throughput to
    // its own per-request CPU; at 100 recall is 0.71 and the app keeps >= 85% (docs/benchmarks.md).
    public static final int DEFAULT_EF_SEARCH = 100;
    public static final int DEFAULT_HISTORY_LENGTH = 50;
    public static final int MIN_EF_SEARCH = 10;
    public static final int MAX_EF_SEARCH = 1000;
    public static final int MAX_HISTORY_LENGTH = 1000;

    public static final CatalogSettings DEFAULTS = new CatalogSettings(null, null, null, null, null);

    public int efSearchOrDefault() {
        return efSearch == null ? DEFAULT_EF_SEARCH : efSearch;
    }

    public int historyLengthOrDefault() {
        return historyLength == null ? DEFAULT_HISTORY_LENGTH : historyLength;
    }

    public Map<String, Object> defaultParamsOrEmpty() {
        return defaultParams == null ? Map.of() : defaultParams;
    }

    /** Fields present in {@code patch} replace ours; an empty {@code retrainSchedule} turns the schedule off. */
    public CatalogSettings merge(CatalogSettings patch) {
        if (patch == null) {
            return this;
        }
        String schedule = patch.retrainSchedule == null ? retrainSchedule
                : patch.retrainSchedule.isBlank() ? null : patch.retrainSchedule;
        return new CatalogSettings(
                patch.efSearch != null ? patch.efSearch : efSearch,
                patch.historyLength != null ? patch.historyLength : historyLength,
                schedule,
                patch.defaultMethod != null ? patch.defaultMethod : defaultMethod,
                patch.defaultParams != null ? patch.defaultParams : defaultParams);
    }
}
