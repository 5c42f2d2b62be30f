package io.semrec.admin;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/** {@code /admin} opens the catalogs, the first area of the navigation. */
@Path(AdminHome.ROOT)
public class AdminHome {

    /** Where the admin UI lives; everything below it is a page, a form or an asset of the UI. */
    public static final String ROOT = "/admin";

    /** Whether a request path belongs to the admin UI. */
    public static boolean covers(String path) {
        return path.equals(ROOT) || path.startsWith(ROOT + "/");
    }

    @GET
    public Response home() {
        return Response.seeOther(URI.create(Section.CATALOGS.path)).build();
    }
}
