package io.semrec.admin;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/** {@code /admin} opens the catalogs, the first area of the navigation. */
@Path("/admin")
public class AdminHome {

    @GET
    public Response home() {
        return Response.seeOther(URI.create(Section.CATALOGS.path)).build();
    }
}
