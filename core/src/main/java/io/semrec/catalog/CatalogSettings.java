package io.semrec.catalog;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Per-catalog tuning. A null field means "use the default", so stored settings stay small and
 * defaults can improve without rewriting rows.
 *
 * @param efSearch HNSW candidate list size for serving queries (recall vs. speed)
 * @param historyLength how many of a user's most recent events form the query history
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CatalogSettings(Integer efSearch, Integer historyLength) {

    public static final int DEFAULT_EF_SEARCH = 40;
    public static final int DEFAULT_HISTORY_LENGTH = 50;
    public static final int MIN_EF_SEARCH = 10;
    public static final int MAX_EF_SEARCH = 1000;
    public static final int MAX_HISTORY_LENGTH = 1000;

    public static final CatalogSettings DEFAULTS = new CatalogSettings(null, null);

    public int efSearchOrDefault() {
        return efSearch == null ? DEFAULT_EF_SEARCH : efSearch;
    }

    public int historyLengthOrDefault() {
        return historyLength == null ? DEFAULT_HISTORY_LENGTH : historyLength;
    }

    /** Fields present in {@code patch} replace ours. */
    public CatalogSettings merge(CatalogSettings patch) {
        if (patch == null) {
            return this;
        }
        return new CatalogSettings(
                patch.efSearch != null ? patch.efSearch : efSearch,
                patch.historyLength != null ? patch.historyLength : historyLength);
    }
}
