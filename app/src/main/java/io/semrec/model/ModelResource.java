package io.semrec.model;

import io.semrec.api.Page;
import io.semrec.api.PageRequest;
import io.semrec.api.ProblemException;
import io.semrec.auth.Roles;
import io.semrec.catalog.CatalogDirectory;
import io.semrec.catalog.CatalogRef;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Locale;

@Path("/api/v1/catalogs/{catalog}/models")
@Produces(MediaType.APPLICATION_JSON)
public class ModelResource {

    /** Media types of an upload: one JSON object per line. */
    public static final String NDJSON = "application/x-ndjson";
    public static final String JSONL = "application/jsonl";

    @Inject
    ModelService models;

    @Inject
    CatalogDirectory directory;

    @Inject
    ModelActivation activation;

    /**
     * Creates a model from item vectors, one {@code {"item_id": "...", "vector": [...]}} per line,
     * all of one dimension. Answers once the model is fully written; it is not activated.
     */
    @POST
    @Consumes({NDJSON, JSONL})
    @RolesAllowed(Roles.ADMIN)
    public Response upload(@PathParam("catalog") String slug, @QueryParam("metric") String metric,
            InputStream body, UriInfo uri) {
        CatalogRef catalog = directory.require(slug);
        ModelView created = models.upload(catalog, scoreMetric(metric), body);
        return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(created.id())).build())
                .entity(created).build();
    }

    @GET
    @RolesAllowed(Roles.READ)
    public Page<ModelView> list(@PathParam("catalog") String slug, @QueryParam("limit") Integer limit,
            @QueryParam("cursor") String cursor) {
        return models.list(directory.require(slug), PageRequest.of(limit, cursor));
    }

    @GET
    @Path("{id}")
    @RolesAllowed(Roles.READ)
    public ModelView get(@PathParam("catalog") String slug, @PathParam("id") long id) {
        return models.get(directory.require(slug), id);
    }

    /** Serves the catalog from this model from now on; activating an earlier model is a rollback. */
    @POST
    @Path("{id}/activate")
    @RolesAllowed(Roles.ADMIN)
    public ModelView activate(@PathParam("catalog") String slug, @PathParam("id") long id) {
        return activation.activate(directory.require(slug), id);
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    public void delete(@PathParam("catalog") String slug, @PathParam("id") long id) {
        activation.delete(directory.require(slug), id);
    }

    private static ScoreMetric scoreMetric(String metric) {
        if (metric == null) {
            throw ProblemException.invalidField("metric", "required: one of cosine, dot");
        }
        return Arrays.stream(ScoreMetric.values())
                .filter(m -> m.wireName().equals(metric.toLowerCase(Locale.ROOT)))
                .findFirst()
                .orElseThrow(() -> ProblemException.invalidField("metric", "must be one of cosine, dot"));
    }
}
