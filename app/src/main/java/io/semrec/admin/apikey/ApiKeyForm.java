package io.semrec.admin.apikey;

import io.semrec.auth.ApiKeyRequests;
import java.util.Set;
import org.jboss.resteasy.reactive.RestForm;

/** The new-key form as typed; a blank catalog means a key for every catalog. */
public class ApiKeyForm {

    static final Set<String> FIELDS = Set.of("name", "role", "catalog");

    @RestForm
    public String name;

    @RestForm
    public String role;

    @RestForm
    public String catalog;

    static ApiKeyForm blank() {
        ApiKeyForm form = new ApiKeyForm();
        form.role = "read";
        return form;
    }

    ApiKeyRequests.Create toRequest() {
        String limitedTo = catalog == null || catalog.isBlank() ? null : catalog.strip();
        return new ApiKeyRequests.Create(name == null ? null : name.strip(), role, limitedTo);
    }
}
