package io.semrec.auth;

import io.quarkus.security.identity.SecurityIdentity;
import io.semrec.api.Page;
import io.semrec.api.PageRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
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
import java.util.LinkedHashMap;
import java.util.Map;

@Path("/api/v1/api-keys")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class ApiKeyResource {

    @Inject
    ApiKeyService keys;

    @Inject
    SecurityIdentity identity;

    /** Answers the key with its secret, which is never shown again. */
    @POST
    public Response create(@NotNull @Valid ApiKeyRequests.Create request, UriInfo uri) {
        ApiKeyService.Created created = keys.create(request, caller());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", created.key().id());
        body.put("name", created.key().name());
        body.put("role", created.key().role());
        body.put("catalog", created.key().catalog());
        body.put("prefix", created.key().prefix());
        body.put("createdAt", created.key().createdAt());
        body.put("key", created.secret());
        return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(created.key().id())).build())
                .entity(body).build();
    }

    @GET
    public Page<ApiKeyView> list(@QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        return keys.list(PageRequest.of(limit, cursor), caller());
    }

    @DELETE
    @Path("{id}")
    public void revoke(@PathParam("id") long id) {
        keys.revoke(id, caller());
    }

    private ApiPrincipal caller() {
        return identity.getAttribute(ApiPrincipal.ATTRIBUTE);
    }
}
