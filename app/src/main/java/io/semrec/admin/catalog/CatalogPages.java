package io.semrec.admin.catalog;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateInstance;
import io.semrec.admin.AdminUiConfig;
import io.semrec.admin.FormErrors;
import io.semrec.admin.Notice;
import io.semrec.api.Page;
import io.semrec.api.PageRequest;
import io.semrec.api.ProblemException;
import io.semrec.catalog.CatalogDirectory;
import io.semrec.catalog.CatalogRef;
import io.semrec.catalog.CatalogRequests;
import io.semrec.catalog.CatalogService;
import io.semrec.catalog.CatalogSettings;
import io.semrec.catalog.CatalogView;
import io.semrec.training.spec.MethodRegistry;
import jakarta.inject.Inject;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * Catalog pages: list, create, settings (with the retrain schedule and its method's parameters),
 * delete. Counts can take long on big catalogs, so pages render without them and htmx fetches them
 * afterwards.
 */
// Lets templates show the settings' limits and defaults: {CatalogSettings:MAX_EF_SEARCH}.
@TemplateData(target = CatalogSettings.class, namespace = "CatalogSettings")
@Path(CatalogPages.PATH)
@Produces(MediaType.TEXT_HTML)
public class CatalogPages {

    static final String PATH = "/admin/catalogs";
    /** The create form's address; the underscore keeps it from ever matching a catalog slug. */
    static final String NEW = "_new";

    @CheckedTemplate(basePath = "catalogs")
    static class Templates {
        static native TemplateInstance list(Page<CatalogView> page, boolean firstPage, Notice notice);

        static native TemplateInstance list$row(CatalogView catalog);

        static native TemplateInstance create(CatalogForm form, FormErrors errors);

        static native TemplateInstance detail(CatalogView catalog, CatalogForm form, FormErrors errors, Notice notice,
                RetrainFields retrain, UploadCard upload);

        static native TemplateInstance detail$counts(CatalogView catalog);

        static native TemplateInstance schedulePreview(SchedulePreview preview);

        static native TemplateInstance detail$methodParams(RetrainFields retrain, FormErrors errors);

        static native TemplateInstance delete(CatalogView catalog);
    }

    @Inject
    CatalogService catalogs;

    @Inject
    CatalogDirectory directory;

    @Inject
    Validator validator;

    @Inject
    AdminUiConfig config;

    @Inject
    MethodRegistry methods;

    @GET
    public TemplateInstance list(@RestQuery String after, @RestQuery String notice) {
        Page<CatalogView> page = catalogs.list(PageRequest.of(config.pageSize(), after), null);
        return Templates.list(page, after == null, Notice.parse(notice));
    }

    /** One list row with its counts, fetched by the row itself. */
    @GET
    @Path("{slug}/row")
    public TemplateInstance row(@RestPath String slug) {
        return Templates.list$row(catalogs.get(directory.require(slug)));
    }

    @GET
    @Path(NEW)
    public TemplateInstance createForm() {
        return Templates.create(CatalogForm.blank(), FormErrors.none());
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(MultivaluedMap<String, String> posted) {
        CatalogForm form = CatalogForm.read(posted);
        FormErrors errors = FormErrors.none();
        CatalogRequests.Create request = errors.validate(validator, form.toCreate(errors));
        if (!errors.any()) {
            try {
                CatalogView created = catalogs.create(request);
                directory.evict(created.slug());
                return Notice.CATALOG_CREATED.redirect(detailPath(created.slug()));
            } catch (ProblemException refused) {
                errors.add(refused, "slug", CatalogForm.FIELDS);
            }
        }
        return FormErrors.refused(Templates.create(form, errors));
    }

    @GET
    @Path("{slug}")
    public TemplateInstance detail(@RestPath String slug, @RestQuery String notice) {
        CatalogView catalog = catalogs.summary(directory.require(slug));
        return detailPage(catalog, CatalogForm.of(catalog), FormErrors.none(), Notice.parse(notice));
    }

    /** The counts for htmx to put into the page; without JavaScript, the whole page with them. */
    @GET
    @Path("{slug}/counts")
    public TemplateInstance counts(@RestPath String slug, @RestHeader("HX-Request") boolean htmx) {
        CatalogView catalog = catalogs.get(directory.require(slug));
        return htmx ? Templates.detail$counts(catalog) : detailPage(catalog, CatalogForm.of(catalog), FormErrors.none(), null);
    }

    /** What the typed retrain schedule means, for htmx to show under the field while it is typed. */
    @GET
    @Path("{slug}/schedule-preview")
    public TemplateInstance schedulePreview(@RestPath String slug, @RestQuery String retrainSchedule) {
        directory.require(slug);
        return Templates.schedulePreview(SchedulePreview.of(retrainSchedule, Instant.now()));
    }

    /** The parameter fields of the chosen default method, for htmx to put into the settings form. */
    @GET
    @Path("{slug}/method-params")
    public TemplateInstance methodParams(@RestPath String slug, @RestQuery String defaultMethod) {
        CatalogView catalog = catalogs.summary(directory.require(slug));
        return Templates.detail$methodParams(RetrainFields.forMethod(defaultMethod, catalog.settings().defaultMethod(),
                catalog.settings().defaultParams(), methods), FormErrors.none());
    }

    @POST
    @Path("{slug}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response update(@RestPath String slug, MultivaluedMap<String, String> posted) {
        CatalogForm form = CatalogForm.read(posted);
        CatalogRef ref = directory.require(slug);
        FormErrors errors = FormErrors.none();
        CatalogRequests.Update request = errors.validate(validator, form.toUpdate(errors, methods));
        if (!errors.any()) {
            try {
                catalogs.update(ref, request);
                directory.evict(slug);
                return Notice.CATALOG_SAVED.redirect(detailPath(slug));
            } catch (ProblemException refused) {
                errors.add(refused, null, CatalogForm.FIELDS);
            }
        }
        return FormErrors.refused(detailPage(catalogs.summary(ref), form, errors, null));
    }

    @GET
    @Path("{slug}/delete")
    public TemplateInstance confirmDelete(@RestPath String slug) {
        return Templates.delete(catalogs.summary(directory.require(slug)));
    }

    @POST
    @Path("{slug}/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response delete(@RestPath String slug) {
        catalogs.delete(directory.require(slug));
        directory.evict(slug);
        return Notice.CATALOG_DELETED.redirect(PATH);
    }

    private TemplateInstance detailPage(CatalogView catalog, CatalogForm form, FormErrors errors, Notice notice) {
        return Templates.detail(catalog, form, errors, notice,
                RetrainFields.of(form, catalog.settings().defaultMethod() != null, methods, Instant.now()),
                UploadCard.blank());
    }

    private static String detailPath(String slug) {
        return PATH + "/" + slug;
    }
}
