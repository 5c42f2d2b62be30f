package io.semrec.serving;

import io.semrec.api.ProblemException;
import java.util.List;

/** What a caller asks of any recommendation endpoint besides the history: how many, and which items qualify. */
public record RecommendationQuery(int k, boolean excludeSeen, List<AttributeFilter> filters) {

    public static final int DEFAULT_K = 10;
    public static final int MAX_K = 200;

    public static RecommendationQuery of(Integer k, boolean excludeSeen, List<String> filters) {
        int size = k == null ? DEFAULT_K : k;
        if (size < 1 || size > MAX_K) {
            throw ProblemException.invalidField("k", "must be between 1 and " + MAX_K);
        }
        return new RecommendationQuery(size, excludeSeen, AttributeFilter.parseAll(filters));
    }
}
