package io.semrec.jobs;

import io.semrec.api.Page;
import io.semrec.auth.Roles;
import io.semrec.training.spec.MethodRegistry;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

@Path("/api/v1/methods")
@Produces(MediaType.APPLICATION_JSON)
public class MethodResource {

    @Inject
    MethodRegistry methods;

    /** Every training method with its parameters, in one page. */
    @GET
    @RolesAllowed(Roles.READ)
    public Page<MethodView> list() {
        return new Page<>(methods.all().stream().map(MethodView::of).toList(), null);
    }
}
