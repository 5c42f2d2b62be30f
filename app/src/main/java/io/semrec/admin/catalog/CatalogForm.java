package io.semrec.admin.catalog;

import io.semrec.admin.FormErrors;
import io.semrec.admin.MethodParameterFields;
import io.semrec.catalog.CatalogRequests;
import io.semrec.catalog.CatalogView;
import io.semrec.training.spec.MethodParameters;
import io.semrec.training.spec.MethodRegistry;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The catalog form as typed, kept as text so that a refused form shows exactly what was entered.
 * Read from the whole posted form, as the default method's parameter fields vary with the method.
 */
public class CatalogForm {

    /** The fields on the form; a refusal about any other setting is shown above the form. */
    static final Set<String> FIELDS = Set.of("slug", "name", "efSearch", "historyLength", "retrainSchedule",
            "defaultMethod");

    public String slug;
    public String name;
    public String efSearch;
    public String historyLength;
    public String retrainSchedule;
    public String defaultMethod;
    /** The method whose parameter fields the form showed: another than defaultMethod after a change without JavaScript. */
    public String paramsOf;
    /** The typed parameter values by parameter name. */
    public Map<String, String> params = new LinkedHashMap<>();

    static CatalogForm blank() {
        return new CatalogForm();
    }

    static CatalogForm read(MultivaluedMap<String, String> posted) {
        CatalogForm form = new CatalogForm();
        form.slug = posted.getFirst("slug");
        form.name = posted.getFirst("name");
        form.efSearch = posted.getFirst("efSearch");
        form.historyLength = posted.getFirst("historyLength");
        form.retrainSchedule = posted.getFirst("retrainSchedule");
        form.defaultMethod = posted.getFirst("defaultMethod");
        form.paramsOf = posted.getFirst("paramsOf");
        form.params = MethodParameterFields.typed(posted);
        return form;
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
        form.params = MethodParameterFields.text(catalog.settings().defaultParams());
        return form;
    }

    /** The chosen default method, or null. */
    public String method() {
        return defaultMethod == null || defaultMethod.isBlank() ? null : defaultMethod.strip();
    }

    /** The parameter values typed for {@link #method()}; none when the fields shown were another method's. */
    Map<String, String> typedParams() {
        return method() != null && method().equals(paramsOf) ? params : Map.of();
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
        Map<String, Object> typed = null;
        Optional<MethodParameters> declared = method == null ? Optional.empty() : methods.find(method);
        if (declared.isPresent() && !method.equals(paramsOf)) {
            errors.add("defaultMethod", "the parameters below are now those of " + method + ": check them and save again");
        } else if (declared.isPresent()) {
            typed = MethodParameterFields.parse(declared.get(), params, errors);
        }
        return new CatalogRequests.Update(strip(name), new CatalogRequests.Settings(
                errors.wholeNumber("efSearch", efSearch, true),
                errors.wholeNumber("historyLength", historyLength, true),
                retrainSchedule == null ? "" : retrainSchedule.strip(), method, typed));
    }

    private static String strip(String text) {
        return text == null ? null : text.strip();
    }
}
