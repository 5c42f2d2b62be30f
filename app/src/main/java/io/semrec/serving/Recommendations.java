package io.semrec.serving;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Locale;

/**
 * The answer of every recommendation endpoint.
 *
 * @param modelId the model that answered, null when the popularity fallback did
 */
public record Recommendations(String catalog, Long modelId, Source source, List<ScoredItem> items) {

    /** What ranked the items. */
    public enum Source {
        /** Nearest neighbours of the query vector in the active model. */
        MODEL,
        /** Most frequent items: no active model, or nothing in the history that the model knows. */
        POPULARITY;

        @JsonValue
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
