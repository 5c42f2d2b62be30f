package io.semrec.jobs;

import io.semrec.api.ProblemException;
import io.semrec.catalog.CatalogSettings;
import io.semrec.training.spec.InvalidParameterException;
import io.semrec.training.spec.MethodParameters;
import io.semrec.training.spec.MethodRegistry;
import io.semrec.training.spec.ResolvedParameters;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.stream.Collectors;

/** Checks method names and parameters against the declared methods; every rejection names the request field. */
@ApplicationScoped
public class MethodValidation {

    private final MethodRegistry registry;

    MethodValidation(MethodRegistry registry) {
        this.registry = registry;
    }

    /** The declared method, or a 400 naming {@code field}. */
    public MethodParameters method(String field, String name) {
        return registry.find(name).orElseThrow(() -> ProblemException.invalidField(field,
                "unknown method '" + name + "'; known: " + known()));
    }

    /** The parameters resolved against the method, or a 400 naming {@code <field>.<parameter>}. */
    public ResolvedParameters params(String field, MethodParameters method, Map<String, ?> params) {
        try {
            return method.resolve(params);
        } catch (InvalidParameterException e) {
            throw ProblemException.invalidField(field + "." + e.field(), e.detail());
        }
    }

    /** Checks a catalog's retrain settings as they will be stored (after merging a change). */
    public void retrainSettings(CatalogSettings settings) {
        if (settings.retrainSchedule() != null) {
            try {
                RetrainSchedule.parse(settings.retrainSchedule());
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalidField("settings.retrainSchedule",
                        "not a five-field cron expression in UTC such as '0 3 * * *' (" + e.getMessage() + ")");
            }
            if (settings.defaultMethod() == null) {
                throw ProblemException.invalidField("settings.defaultMethod", "is required with a retrainSchedule");
            }
        }
        if (settings.defaultMethod() != null) {
            params("settings.defaultParams", method("settings.defaultMethod", settings.defaultMethod()),
                    settings.defaultParams());
        } else if (!settings.defaultParamsOrEmpty().isEmpty()) {
            throw ProblemException.invalidField("settings.defaultParams", "needs a defaultMethod");
        }
    }

    private String known() {
        return registry.all().isEmpty() ? "none are installed"
                : registry.all().stream().map(MethodParameters::method).collect(Collectors.joining(", "));
    }
}
