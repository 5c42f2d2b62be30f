package io.semrec.admin.apikey;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateGlobal;
import io.quarkus.qute.TemplateInstance;
import io.semrec.admin.AdminUiConfig;
import io.semrec.admin.FormErrors;
import io.semrec.admin.Notice;
import io.semrec.api.Page;
import io.semrec.api.PageRequest;
import io.semrec.api.ProblemException;
import io.semrec.auth.ApiKeyRequests;
import io.semrec.auth.ApiKeyService;
import io.semrec.auth.ApiKeyView;
import io.semrec.auth.ApiPrincipal;
import io.semrec.auth.ApiRole;
import jakarta.inject.Inject;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.List;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/** API keys: list, create (the secret is shown once), revoke. */
@Path(ApiKeyPages.PATH)
@Produces(MediaType.TEXT_HTML)
public class ApiKeyPages {

    static final String PATH = "/admin/api-keys";

    // A signed-in operator manages keys for every catalog, like the configured admin key.
    private static final ApiPrincipal OPERATOR = new ApiPrincipal(null, "admin UI", ApiRole.ADMIN, null);

    @CheckedTemplate(basePath = "apikeys")
    static class Templates {
        static native TemplateInstance list(Page<ApiKeyView> page, boolean firstPage, ApiKeyForm form,
                FormErrors errors, Notice notice);

        static native TemplateInstance created(ApiKeyView key, String secret);
    }

    /** Role names for the form's choice, as the API spells them. */
    @TemplateGlobal(name = "apiKeyRoles")
    static List<String> roles() {
        return Arrays.stream(ApiRole.values()).map(ApiRole::wireName).toList();
    }

    @Inject
    ApiKeyService keys;

    @Inject
    Validator validator;

    @Inject
    AdminUiConfig config;

    @GET
    public TemplateInstance list(@RestQuery String after, @RestQuery String notice) {
        return Templates.list(page(after), after == null, ApiKeyForm.blank(), FormErrors.none(), Notice.parse(notice));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(ApiKeyForm form) {
        FormErrors errors = FormErrors.none();
        ApiKeyRequests.Create request = errors.validate(validator, form.toRequest());
        if (!errors.any()) {
            try {
                ApiKeyService.Created created = keys.create(request, OPERATOR);
                return Response.ok(Templates.created(created.key(), created.secret()))
                        .header(HttpHeaders.CACHE_CONTROL, "no-store")
                        .build();
            } catch (ProblemException refused) {
                errors.add(refused, null, ApiKeyForm.FIELDS);
            }
        }
        return FormErrors.refused(Templates.list(page(null), true, form, errors, null));
    }

    @POST
    @Path("{id}/revoke")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response revoke(@RestPath long id) {
        keys.revoke(id, OPERATOR);
        return Notice.KEY_REVOKED.redirect(PATH);
    }

    private Page<ApiKeyView> page(String after) {
        return keys.list(PageRequest.of(config.pageSize(), after), OPERATOR);
    }
}
