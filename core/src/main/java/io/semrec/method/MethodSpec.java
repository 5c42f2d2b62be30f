package io.semrec.method;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A training method's declaration, made once: the API validates jobs against it, the admin UI renders
 * its form from it, and the worker reads the resolved parameters through it.
 *
 * @param name what jobs name in {@code method}
 * @param help one line for humans
 */
public record MethodSpec(String name, String help, List<ParamSpec> params) {

    public MethodSpec {
        params = List.copyOf(params);
    }

    /**
     * The given parameters checked against the declaration, defaults filled in.
     *
     * @throws InvalidParamException naming the first parameter that is unknown or invalid
     */
    public MethodParams resolve(Map<String, ?> given) {
        Map<String, ?> values = given == null ? Map.of() : given;
        for (String key : values.keySet()) {
            if (params.stream().noneMatch(p -> p.name().equals(key))) {
                throw new InvalidParamException(key, "method " + name + " has no such parameter; it takes "
                        + params.stream().map(ParamSpec::name).collect(Collectors.joining(", ")));
            }
        }
        Map<String, Object> resolved = new LinkedHashMap<>();
        for (ParamSpec param : params) {
            Object value = values.get(param.name());
            resolved.put(param.name(), value == null ? param.defaultValue() : param.accept(value));
        }
        return new MethodParams(resolved);
    }
}
