package io.semrec.admin.catalog;

import io.semrec.admin.FormErrors;
import io.semrec.catalog.CatalogRequests;
import io.semrec.catalog.CatalogView;
import java.util.Set;
import org.jboss.resteasy.reactive.RestForm;

/** The catalog form as typed, kept as text so that a refused form shows exactly what was entered. */
public class CatalogForm {

    /** The fields on the form; a refusal about any other setting is shown above the form. */
    static final Set<String> FIELDS = Set.of("slug", "name", "efSearch", "historyLength");

    @RestForm
    public String slug;

    @RestForm
    public String name;

    @RestForm
    public String efSearch;

    @RestForm
    public String historyLength;

    static CatalogForm blank() {
        return new CatalogForm();
    }

    static CatalogForm of(CatalogView catalog) {
        CatalogForm form = new CatalogForm();
        form.slug = catalog.slug();
        form.name = catalog.name();
        form.efSearch = String.valueOf(catalog.settings().efSearch());
        form.historyLength = String.valueOf(catalog.settings().historyLength());
        return form;
    }

    /** A new catalog; blank settings take the defaults. */
    CatalogRequests.Create toCreate(FormErrors errors) {
        return new CatalogRequests.Create(strip(slug), strip(name), settings(errors, false));
    }

    /** Changed settings; every field is shown filled in, so every field is required. */
    CatalogRequests.Update toUpdate(FormErrors errors) {
        return new CatalogRequests.Update(strip(name), settings(errors, true));
    }

    /** The serving settings; the retrain settings (null here) stay as they are. */
    private CatalogRequests.Settings settings(FormErrors errors, boolean required) {
        return new CatalogRequests.Settings(
                errors.wholeNumber("efSearch", efSearch, required),
                errors.wholeNumber("historyLength", historyLength, required),
                null, null, null);
    }

    private static String strip(String text) {
        return text == null ? null : text.strip();
    }
}
