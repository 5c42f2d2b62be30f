package io.semrec.training.spec;

import java.util.List;

/** Parameters of {@code text-knn}: TF-IDF item vectors from item text, queried by a recency-weighted mean. */
public final class TextKnnParameters {

    public static final String METHOD = "text-knn";
    public static final String ATTRIBUTES = "attributes";
    public static final String DIM = "dim";
    public static final String DECAY = "decay";
    public static final String MAX_HISTORY = "maxHistory";
    public static final String SUBLINEAR_TF = "sublinearTf";
    public static final String MAX_VOCABULARY = "maxVocabulary";

    public static final MethodParameters SPEC = new MethodParameters(METHOD,
            "Text-only nearest neighbours: TF-IDF of item text reduced by truncated SVD; no training on events",
            List.of(
                    ParameterSpec.stringList(ATTRIBUTES, List.of("title", "brand", "categories"), 1, 20,
                            "item attributes whose text forms the item vector"),
                    // 512 kept NDCG@10 within 5% of the unreduced TF-IDF ranking on both Amazon sets
                    // (256 lost 7-11%); top-N vocabulary truncation did worse at every width.
                    ParameterSpec.integer(DIM, 512, 8, 2000,
                            "published vector width (truncated SVD of the TF-IDF matrix)"),
                    ParameterSpec.number(DECAY, 0.7, 0, 1,
                            "weight of a history item is decay^age, age 0 = most recent"),
                    ParameterSpec.integer(MAX_HISTORY, 50, 1, 1000,
                            "most recent history items that form the query"),
                    ParameterSpec.bool(SUBLINEAR_TF, true, "use 1 + ln(tf) instead of raw term counts"),
                    ParameterSpec.integer(MAX_VOCABULARY, 200_000, 100, 2_000_000,
                            "keep the terms found in the most items"),
                    EvaluationParameters.MASK_SEEN_SPEC));

    private TextKnnParameters() {
    }
}
