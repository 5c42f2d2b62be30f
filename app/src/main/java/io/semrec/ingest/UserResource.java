package io.semrec.ingest;

import io.semrec.api.PageRequest;
import io.semrec.auth.Roles;
import io.semrec.catalog.CatalogDirectory;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.sql.SQLException;

@Path("/api/v1/catalogs/{catalog}/users/{user}")
@Produces(MediaType.APPLICATION_JSON)
public class UserResource {

    @Inject
    CatalogDirectory directory;

    @Inject
    UserEventService events;

    /** The user's most recent events first ({@code limit} as for list endpoints, default 50). */
    @GET
    @Path("events")
    @RolesAllowed(Roles.READ)
    public Uni<UserHistory> history(@PathParam("catalog") String slug, @PathParam("user") String userId,
            @QueryParam("limit") Integer limit) {
        int count = PageRequest.of(limit, null).limit();
        return directory.requireAsync(slug).flatMap(catalog -> events.history(catalog, userId, count));
    }

    /**
     * Erases the user's events (a privacy request) and answers 200 with how many were deleted,
     * also when none were, so that retries are safe and the caller can log the count.
     */
    @DELETE
    @RolesAllowed(Roles.INGEST)
    public UserErasure erase(@PathParam("catalog") String slug, @PathParam("user") String userId) throws SQLException {
        return events.erase(directory.require(slug), userId);
    }
}
