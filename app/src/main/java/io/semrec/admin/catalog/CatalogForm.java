package io.semrec.admin.catalog;

import io.semrec.admin.FormErrors;
import io.semrec.admin.MethodParameterFields;
import io.semrec.catalog.CatalogRequests;
import io.semrec.catalog.CatalogView;
import io.semrec.training.spec.MethodParameters;
import io.semrec.training.spec.MethodRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.resteasy.reactive.RestForm;

/** The catalog form as typed, kept as text so that a refused form shows exactly what was entered. */
public class CatalogForm {

    /** The fields on the form; a refusal about any other setting is shown above the form. */
    static final Set<String> FIELDS = Set.of("slug", "name", "efSearch", "historyLength", "retrainSchedule",
            "defaultMethod");

    @RestForm
    public String slug;

    @RestForm
    public String name;

    @RestForm
    public String efSearch;

    @RestForm
    public String historyLength;

    @RestForm
    public String retrainSchedule;

    @RestForm
    public String defaultMethod;

    /** The method whose parameter fields the form showed: another than defaultMethod after a change without JavaScript. */
    @RestForm
    public String paramsOf;

    @RestForm
    public List<String> paramName = new ArrayList<>();

    @RestForm
    public List<String> paramValue = new ArrayList<>();

    static CatalogForm blank() {
        return new CatalogForm();
    }

    static CatalogForm of(CatalogView catalog) {
        CatalogForm form = new CatalogForm();
        form.slug = catalog.slug();
        form.name = catalog.name();
        form.efSearch = String.valueOf(catalog.settings().efSearch());
        form.historyLength = String.valueOf(catalog.settings().historyLength());
        form.retrainSchedule = Optional.ofNullable(catalog.settings().retrainSchedule()).orElse("");
        form.defaultMethod = catalog.settings().defaultMethod();
        form.paramsOf = form.defaultMethod;
        form.showParams(catalog.settings().defaultParams());
        return form;
    }

    /** Fills the parameter fields with stored values. */
    void showParams(Map<String, ?> values) {
        MethodParameterFields.text(values).forEach((name, value) -> {
            paramName.add(name);
            paramValue.add(value);
        });
    }

    /** The chosen default method, or null. */
    public String method() {
        return defaultMethod == null || defaultMethod.isBlank() ? null : defaultMethod.strip();
    }

    /** The parameter values typed for {@link #method()}; none when the fields shown were another method's. */
    Map<String, String> typedParams() {
        return method() != null && method().equals(paramsOf)
                ? MethodParameterFields.typed(paramName, paramValue) : Map.of();
    }

    /** A new catalog; blank settings take the defaults, and it has no retrain schedule yet. */
    CatalogRequests.Create toCreate(FormErrors errors) {
        return new CatalogRequests.Create(strip(slug), strip(name), new CatalogRequests.Settings(
                errors.wholeNumber("efSearch", efSearch, false),
                errors.wholeNumber("historyLength", historyLength, false),
                null, null, null));
    }

    /**
     * Changed settings; every serving field is shown filled in, so each is required. An empty
     * schedule turns scheduled retrains off; the parameters are checked by the method's declaration.
     */
    CatalogRequests.Update toUpdate(FormErrors errors, MethodRegistry methods) {
        String method = method();
        Map<String, Object> params = null;
        Optional<MethodParameters> declared = method == null ? Optional.empty() : methods.find(method);
        if (declared.isPresent() && !method.equals(paramsOf)) {
            errors.add("defaultMethod", "the parameters below are now those of " + method + ": check them and save again");
        } else if (declared.isPresent()) {
            params = MethodParameterFields.parse(declared.get(), typedParams(), errors);
        }
        return new CatalogRequests.Update(strip(name), new CatalogRequests.Settings(
                errors.wholeNumber("efSearch", efSearch, true),
                errors.wholeNumber("historyLength", historyLength, true),
                retrainSchedule == null ? "" : retrainSchedule.strip(), method, params));
    }

    private static String strip(String text) {
        return text == null ? null : text.strip();
    }
}
