package io.semrec.serving;

import io.semrec.api.ProblemException;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.List;

/**
 * A {@code filter=<attribute>:<value>} condition on item attributes. It matches an attribute equal
 * to the value, an array holding it, or a comma-separated string holding it as one (trimmed) part,
 * such as {@code "categories": "Office Products, Paper"} for {@code categories:Paper}.
 */
public record AttributeFilter(String attribute, String value) {

    public static final int MAX_FILTERS = 10;

    /**
     * All filters in one condition over two arrays (names, values), so the statement's text is the same for
     * any number of filters: the reactive client caches statements only up to 2,048 characters. A filter on
     * an attribute the item lacks yields null, which counts as a mismatch.
     */
    private static final String CONDITION = """
            AND NOT EXISTS (SELECT 1 FROM unnest(CAST($%d AS text[]), CAST($%d AS text[])) AS f(name, value)
                WHERE NOT coalesce(CASE jsonb_typeof(i.attributes -> f.name)
                    WHEN 'array' THEN EXISTS (SELECT 1 FROM jsonb_array_elements_text(i.attributes -> f.name) e
                                              WHERE e = f.value)
                    WHEN 'string' THEN i.attributes ->> f.name = f.value
                        OR EXISTS (SELECT 1 FROM unnest(string_to_array(i.attributes ->> f.name, ',')) part
                                   WHERE btrim(part) = f.value)
                    ELSE i.attributes ->> f.name = f.value
                END, false))
            """;

    /**
     * The {@code AND} condition that every filter holds for the item row aliased {@code i}, with its two
     * parameters numbered from {@code firstParameter}; empty without filters. {@link #bind} adds their values.
     */
    static String sql(List<AttributeFilter> filters, int firstParameter) {
        return filters.isEmpty() ? "" : CONDITION.formatted(firstParameter, firstParameter + 1);
    }

    /** Adds the parameters of {@link #sql} to the tuple: the filters' attribute names, then their values. */
    static Tuple bind(Tuple parameters, List<AttributeFilter> filters) {
        if (!filters.isEmpty()) {
            parameters.addArrayOfString(filters.stream().map(AttributeFilter::attribute).toArray(String[]::new))
                    .addArrayOfString(filters.stream().map(AttributeFilter::value).toArray(String[]::new));
        }
        return parameters;
    }

    /** Parses the repeated {@code filter} query parameter; 400 naming {@code filter} when malformed. */
    public static List<AttributeFilter> parseAll(List<String> filters) {
        if (filters == null) {
            return List.of();
        }
        if (filters.size() > MAX_FILTERS) {
            throw ProblemException.invalidField("filter", "at most " + MAX_FILTERS + " filters");
        }
        return filters.stream().map(AttributeFilter::parse).distinct().toList();
    }

    static AttributeFilter parse(String filter) {
        int colon = filter.indexOf(':');
        if (colon <= 0 || colon == filter.length() - 1) {
            throw ProblemException.invalidField("filter", "expected <attribute>:<value>, got '" + filter + "'");
        }
        return new AttributeFilter(filter.substring(0, colon), filter.substring(colon + 1));
    }
}
