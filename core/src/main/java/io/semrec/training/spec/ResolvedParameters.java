package io.semrec.training.spec;

import java.util.Collections;
import java.util.List;
import java.util.Map;

/** Validated parameters with every default filled in; what a job runs with and a model records. */
public final class ResolvedParameters {

    private final String method;
    private final Map<String, Object> values;

    ResolvedParameters(String method, Map<String, Object> values) {
        this.method = method;
        this.values = Collections.unmodifiableMap(values);
    }

    public String method() {
        return method;
    }

    /** Every parameter by name, for {@code model.params}. */
    public Map<String, Object> asMap() {
        return values;
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

    @SuppressWarnings("unchecked")
    public List<String> getStringList(String name) {
        return (List<String>) require(name);
    }

    private Object require(String name) {
        Object value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException(method + " has no parameter " + name);
        }
        return value;
    }
}
