package io.semrec.catalog;

import io.quarkus.security.identity.SecurityIdentity;
import io.semrec.api.Page;
import io.semrec.api.PageRequest;
import io.semrec.api.ProblemException;
import io.semrec.auth.ApiPrincipal;
import io.semrec.auth.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

@Path("/api/v1/catalogs")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CatalogResource {

    @Inject
    CatalogService catalogs;

    @Inject
    CatalogDirectory directory;

    @Inject
    SecurityIdentity identity;

    @POST
    @RolesAllowed(Roles.ADMIN)
    public Response create(@NotNull @Valid CatalogRequests.Create request, UriInfo uri) {
        ApiPrincipal principal = identity.getAttribute(ApiPrincipal.ATTRIBUTE);
        if (principal.catalogId() != null) {
            throw ProblemException.forbidden("a key limited to one catalog cannot create catalogs");
        }
        CatalogView created = catalogs.create(request);
        directory.evict(created.slug());
        return Response.created(uri.getAbsolutePathBuilder().path(created.slug()).build()).entity(created).build();
    }

    @GET
    @RolesAllowed(Roles.READ)
    public Page<CatalogView> list(@QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        ApiPrincipal principal = identity.getAttribute(ApiPrincipal.ATTRIBUTE);
        return catalogs.list(PageRequest.of(limit, cursor), principal.catalogId());
    }

    @GET
    @Path("{catalog}")
    @RolesAllowed(Roles.READ)
    public CatalogView get(@PathParam("catalog") String slug) {
        return catalogs.get(directory.require(slug));
    }

    @PATCH
    @Path("{catalog}")
    @RolesAllowed(Roles.ADMIN)
    public CatalogView update(@PathParam("catalog") String slug, @NotNull @Valid CatalogRequests.Update request) {
        CatalogView updated = catalogs.update(directory.require(slug), request);
        directory.evict(slug);
        return updated;
    }

    @DELETE
    @Path("{catalog}")
    @RolesAllowed(Roles.ADMIN)
    public void delete(@PathParam("catalog") String slug) {
        catalogs.delete(directory.require(slug));
        directory.evict(slug);
    }
}
