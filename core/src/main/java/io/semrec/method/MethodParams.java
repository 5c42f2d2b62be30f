package io.semrec.method;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A job's parameters after {@link MethodSpec#resolve}: every declared one present, typed as declared. */
public final class MethodParams {

    private final Map<String, Object> values;

    MethodParams(Map<String, Object> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public int getInt(String name) {
        return (Integer) require(name);
    }

    public double getDouble(String name) {
        return (Double) require(name);
    }

    public boolean getBoolean(String name) {
        return (Boolean) require(name);
    }

    public String getString(String name) {
        return (String) require(name);
    }

    /** In declaration order; what a job and its model record as their parameters. */
    public Map<String, Object> asMap() {
        return values;
    }

    private Object require(String name) {
        if (!values.containsKey(name)) {
            throw new IllegalArgumentException("no parameter " + name + " is declared");
        }
        return values.get(name);
    }
}
