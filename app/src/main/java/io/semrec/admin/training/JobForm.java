package io.semrec.admin.training;

import io.semrec.admin.Choice;
import io.semrec.admin.MethodParameterFields;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The new-job form as typed, kept as text so that a refused form shows exactly what was entered.
 *
 * @param params typed parameter values by parameter name
 */
public record JobForm(String catalog, String method, String activate, Map<String, String> params) {

    /** The fixed fields; a refusal about anything else is shown above the form. */
    static final Set<String> FIELDS = Set.of("catalog", "method", "activate");

    /** A model nobody has looked at yet does not replace the one serving. */
    static final String DEFAULT_ACTIVATE = "never";

    /** The API's {@code activate} values, explained. */
    static final List<Choice> ACTIVATIONS = List.of(
            new Choice("never", "Never: I activate it myself"),
            new Choice("if-better", "If better: beats the active model's validation NDCG@10"),
            new Choice("always", "Always: as soon as it is published"));

    /** A fresh form: the method's defaults. */
    static JobForm start(String catalog, String method) {
        return new JobForm(catalog, method, DEFAULT_ACTIVATE, Map.of());
    }

    static JobForm of(MultivaluedMap<String, String> form) {
        return new JobForm(strip(form.getFirst("catalog")), strip(form.getFirst("method")),
                strip(form.getFirst("activate")), MethodParameterFields.typed(form));
    }

    /** The same choices with another method, whose fields start from its defaults. */
    JobForm withMethod(String other) {
        return new JobForm(catalog, other, activate, Map.of());
    }

    private static String strip(String text) {
        return text == null ? null : text.strip();
    }
}
