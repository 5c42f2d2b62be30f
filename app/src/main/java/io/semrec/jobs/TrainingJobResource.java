package io.semrec.jobs;

import io.semrec.api.Page;
import io.semrec.api.PageRequest;
import io.semrec.auth.Roles;
import io.semrec.catalog.CatalogDirectory;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

@Path("/api/v1/catalogs/{catalog}/training-jobs")
@Produces(MediaType.APPLICATION_JSON)
public class TrainingJobResource {

    @Inject
    TrainingJobService jobs;

    @Inject
    CatalogDirectory directory;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    public Response create(@PathParam("catalog") String slug, @NotNull @Valid TrainingJobRequests.Create request,
            UriInfo uri) {
        TrainingJobView job = jobs.create(directory.require(slug), request);
        return Response.created(uri.getAbsolutePathBuilder().path(Long.toString(job.id())).build()).entity(job).build();
    }

    @GET
    @RolesAllowed(Roles.READ)
    public Page<TrainingJobView> list(@PathParam("catalog") String slug, @QueryParam("status") String status,
            @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        return jobs.list(directory.require(slug), status, PageRequest.of(limit, cursor));
    }

    @GET
    @Path("{id}")
    @RolesAllowed(Roles.READ)
    public TrainingJobView get(@PathParam("catalog") String slug, @PathParam("id") long id) {
        return jobs.get(directory.require(slug), id);
    }

    @GET
    @Path("{id}/metrics")
    @RolesAllowed(Roles.READ)
    public TrainingJobView.Metrics metrics(@PathParam("catalog") String slug, @PathParam("id") long id) {
        return jobs.metrics(directory.require(slug), id);
    }

    @POST
    @Path("{id}/cancel")
    @RolesAllowed(Roles.ADMIN)
    public TrainingJobView cancel(@PathParam("catalog") String slug, @PathParam("id") long id) {
        return jobs.cancel(directory.require(slug), id);
    }
}
