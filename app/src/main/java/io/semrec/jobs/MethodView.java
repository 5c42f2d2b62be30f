package io.semrec.jobs;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.semrec.training.spec.MethodParameters;
import io.semrec.training.spec.ParameterSpec;
import io.semrec.training.spec.ParameterType;
import java.util.List;
import java.util.Locale;

/**
 * A training method as {@code GET /api/v1/methods} lists it: enough to validate and to render a form.
 *
 * @param refreshable whether its models accept refresh jobs
 */
public record MethodView(String name, String description, boolean refreshable, List<Parameter> parameters) {

    /**
     * One parameter; {@code min}/{@code max} bound numbers (list sizes for string lists), {@code allowed}
     * lists the permitted strings.
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Parameter(String name, String type, @JsonProperty("default") Object defaultValue, Number min,
            Number max, List<String> allowed, String help) {

        static Parameter of(ParameterSpec spec) {
            boolean whole = spec.type() != ParameterType.NUMBER;
            return new Parameter(spec.name(), spec.type().name().toLowerCase(Locale.ROOT), spec.defaultValue(),
                    bound(spec.min(), whole), bound(spec.max(), whole), spec.allowed(), spec.help());
        }

        private static Number bound(Double value, boolean whole) {
            if (value == null || !whole) {
                return value;
            }
            return value.longValue();
        }
    }

    static MethodView of(MethodParameters method) {
        return new MethodView(method.method(), method.description(), method.refreshable(), method.parameters().stream().map(Parameter::of).toList());
    }
}
