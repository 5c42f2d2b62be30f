package io.semrec.admin.model;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.semrec.admin.AdminUiConfig;
import io.semrec.admin.Notice;
import io.semrec.admin.PageJson;
import io.semrec.api.Page;
import io.semrec.api.PageRequest;
import io.semrec.catalog.CatalogDirectory;
import io.semrec.catalog.CatalogRef;
import io.semrec.catalog.CatalogService;
import io.semrec.catalog.CatalogView;
import io.semrec.model.ModelActivation;
import io.semrec.model.ModelService;
import io.semrec.model.ModelView;
import io.semrec.training.spec.MethodRegistry;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * A catalog's models: scores side by side and in a chart, activation (an earlier model: a rollback)
 * and deletion, through the services the API uses.
 */
@Path(ModelPages.PATH)
@Produces(MediaType.TEXT_HTML)
public class ModelPages {

    static final String PATH = "/admin/catalogs/{slug}/models";

    /** One model in the comparison chart. */
    public record ChartPoint(long id, String method, Double testNdcg, Double testRecall) {
    }

    @CheckedTemplate(basePath = "models")
    static class Templates {
        static native TemplateInstance list(CatalogView catalog, Page<ModelRow> page, boolean firstPage,
                String chartJson, Notice notice);

        static native TemplateInstance delete(CatalogView catalog, ModelRow row);
    }

    @Inject
    ModelService models;

    @Inject
    ModelActivation activation;

    @Inject
    CatalogService catalogs;

    @Inject
    CatalogDirectory directory;

    @Inject
    MethodRegistry methods;

    @Inject
    AdminUiConfig config;

    @Inject
    PageJson json;

    /** Newest first; the chart compares the models of the page. */
    @GET
    public TemplateInstance list(@RestPath String slug, @RestQuery String after, @RestQuery String notice) {
        CatalogRef catalog = directory.require(slug);
        Page<ModelView> page = models.recent(catalog, PageRequest.of(config.pageSize(), after));
        Page<ModelRow> rows = new Page<>(page.items().stream().map(this::row).toList(), page.nextCursor());
        return Templates.list(catalogs.summary(catalog), rows, after == null, chartJson(rows.items()),
                Notice.parse(notice));
    }

    @POST
    @Path("{id}/activate")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response activate(@RestPath String slug, @RestPath long id) {
        activation.activate(directory.require(slug), id);
        return Notice.MODEL_ACTIVATED.redirect(listPath(slug));
    }

    @GET
    @Path("{id}/delete")
    public TemplateInstance confirmDelete(@RestPath String slug, @RestPath long id) {
        CatalogRef catalog = directory.require(slug);
        return Templates.delete(catalogs.summary(catalog), row(models.get(catalog, id)));
    }

    @POST
    @Path("{id}/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response delete(@RestPath String slug, @RestPath long id) {
        activation.delete(directory.require(slug), id);
        return Notice.MODEL_DELETED.redirect(listPath(slug));
    }

    private ModelRow row(ModelView model) {
        return ModelRow.of(model, methods.find(model.method()));
    }

    /** The measured models of the page, oldest on the left. */
    private String chartJson(List<ModelRow> rows) {
        List<ChartPoint> points = new ArrayList<>();
        for (ModelRow row : rows) {
            if (row.test().measured()) {
                points.add(new ChartPoint(row.model().id(), row.model().method(), row.test().ndcg(), row.test().recall()));
            }
        }
        Collections.reverse(points);
        return json.of(points);
    }

    private static String listPath(String slug) {
        return PATH.replace("{slug}", slug);
    }
}
