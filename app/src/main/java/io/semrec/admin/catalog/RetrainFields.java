package io.semrec.admin.catalog;

import io.semrec.admin.Choice;
import io.semrec.admin.MethodParameterFields;
import io.semrec.training.spec.MethodParameters;
import io.semrec.training.spec.MethodRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The retrain part of the settings form as shown: the methods to choose from, the chosen one with
 * its generated parameter fields, and what the typed schedule means.
 *
 * @param method the method whose parameter fields are shown; null when none is chosen
 */
public record RetrainFields(List<Choice> methods, MethodParameters method,
        List<MethodParameterFields.Field> params, SchedulePreview schedule) {

    static RetrainFields of(CatalogForm form, boolean methodStored, MethodRegistry registry, Instant now) {
        List<Choice> methods = new ArrayList<>();
        // The API keeps a stored method when none is sent, so "none" is a choice only until one is stored.
        if (!methodStored) {
            methods.add(new Choice("", "none"));
        }
        registry.all().forEach(m -> methods.add(Choice.of(m.method())));
        Optional<MethodParameters> method = Optional.ofNullable(form.method()).flatMap(registry::find);
        return new RetrainFields(methods, method.orElse(null),
                method.map(m -> MethodParameterFields.of(m, form.typedParams())).orElse(List.of()),
                SchedulePreview.of(form.retrainSchedule, now));
    }

    /** The parameter fields of {@code methodName} with its stored values when it is the stored method, else defaults. */
    static RetrainFields forMethod(String methodName, String storedMethod, Map<String, Object> storedParams,
            MethodRegistry registry) {
        CatalogForm form = new CatalogForm();
        form.defaultMethod = methodName;
        form.paramsOf = methodName;
        if (methodName != null && methodName.equals(storedMethod)) {
            form.params = MethodParameterFields.text(storedParams);
        }
        return of(form, storedMethod != null, registry, Instant.now());
    }
}
