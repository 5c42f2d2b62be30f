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

    private static final String CONDITION = """
            AND EXISTS (SELECT 1 FROM (SELECT CAST($%d AS text) AS name, CAST($%d AS text) AS value) f
                WHERE CASE jsonb_typeof(i.attributes -> f.name)
                    WHEN 'array' THEN EXISTS (SELECT 1 FROM jsonb_array_elements_text(i.attributes -> f.name) e
                                              WHERE e = f.value)
                    WHEN 'string' THEN i.attributes ->> f.name = f.value
                        OR EXISTS (SELECT 1 FROM unnest(string_to_array(i.attributes ->> f.name, ',')) part
                                   WHERE btrim(part) = f.value)
                    ELSE i.attributes ->> f.name = f.value
                END)
            """;

    /**
     * {@code AND} conditions for the filters on the item row aliased {@code i}, with parameters numbered from
     * {@code firstParameter}; {@link #bind} adds their values in the same order.
     */
    static String sql(List<AttributeFilter> filters, int firstParameter) {
        StringBuilder sql = new StringBuilder();
        for (int i = 0; i < filters.size(); i++) {
            int name = firstParameter + 2 * i;
            sql.append(CONDITION.formatted(name, name + 1));
        }
        return sql.toString();
    }

    /** Adds the parameters of {@link #sql} to the tuple. */
    static Tuple bind(Tuple parameters, List<AttributeFilter> filters) {
        for (AttributeFilter filter : filters) {
            parameters.addString(filter.attribute).addString(filter.value);
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
