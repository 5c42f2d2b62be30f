package io.semrec.admin.catalog;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.semrec.admin.FormErrors;
import io.semrec.catalog.CatalogDirectory;
import io.semrec.catalog.CatalogRef;
import io.semrec.catalog.CatalogService;
import io.semrec.catalog.CatalogView;
import io.semrec.ingest.IngestFormat;
import io.semrec.ingest.IngestReport;
import io.semrec.ingest.IngestService;
import io.semrec.ingest.UnusableBodyException;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;

/**
 * Uploads of items and events files into a catalog through the API's import service, with its
 * report. The form posts multipart data, which Quarkus streams into a temporary file before this
 * runs; the import then streams that file, so neither step holds the file in memory.
 */
@Path(UploadPages.PATH)
@Produces(MediaType.TEXT_HTML)
public class UploadPages {

    static final String PATH = "/admin/catalogs/{slug}/uploads";
    /** The event htmx raises after an import, which the catalog page's counts reload on. */
    static final String DATA_CHANGED = "catalog-data-changed";

    @CheckedTemplate(basePath = "catalogs")
    static class Templates {
        static native TemplateInstance upload(CatalogView catalog, UploadCard upload);

        static native TemplateInstance uploadCard(CatalogView catalog, UploadCard upload);
    }

    @Inject
    CatalogService catalogs;

    @Inject
    CatalogDirectory directory;

    @Inject
    IngestService ingest;

    @GET
    public TemplateInstance form(@RestPath String slug) {
        return Templates.upload(catalogs.summary(directory.require(slug)), UploadCard.blank());
    }

    /** With htmx only the upload card comes back (the page shows the progress meanwhile); else the whole page. */
    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response upload(@RestPath String slug, UploadForm form, @RestHeader("HX-Request") boolean htmx)
            throws IOException {
        CatalogRef ref = directory.require(slug);
        FormErrors errors = FormErrors.none();
        UploadKind kind = form.kind(errors);
        IngestFormat format = form.format(errors);
        IngestReport report = null;
        if (!errors.any()) {
            try (InputStream body = Files.newInputStream(form.file.uploadedFile())) {
                report = kind == UploadKind.ITEMS ? ingest.importItems(ref, format, body)
                        : ingest.importEvents(ref, format, body);
            } catch (UnusableBodyException refused) {
                errors.add("file", refused.getMessage());
            }
        }
        UploadCard card = new UploadCard(form.kind, errors, form.fileName(), report);
        CatalogView catalog = catalogs.summary(ref);
        if (errors.any()) {
            return FormErrors.refused(htmx ? Templates.uploadCard(catalog, card) : Templates.upload(catalog, card));
        }
        // htmx refreshes the page's counts on this event.
        return htmx ? Response.ok(Templates.uploadCard(catalog, card)).header("HX-Trigger", DATA_CHANGED).build()
                : Response.ok(Templates.upload(catalog, card)).build();
    }
}
