package io.semrec.serving;

import io.semrec.api.ProblemException;
import io.semrec.auth.Roles;
import io.semrec.catalog.CatalogDirectory;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * Recommendations for a known user, an anonymous session, or an item; they run on the event loop and
 * hand only blocking reads to a worker (decision 16). Common query parameters:
 * {@code exclude_seen} (default true: leave out the history's items) and repeatable
 * {@code filter=<attribute>:<value>} conditions on item attributes, all of which must hold.
 */
@Path("/api/v1/catalogs/{catalog}")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.READ)
public class RecommendationResource {

    @Inject
    CatalogDirectory directory;

    @Inject
    RecommendationService recommendations;

    /** Next items for a user, from the user's most recent events. */
    @GET
    @Path("users/{user}/recommendations")
    public Uni<Recommendations> forUser(@PathParam("catalog") String slug, @PathParam("user") String user,
            @QueryParam("k") Integer k, @QueryParam("exclude_seen") @DefaultValue("true") boolean excludeSeen,
            @QueryParam("filter") List<String> filters) {
        RecommendationQuery query = RecommendationQuery.of(k, excludeSeen, filters);
        return directory.requireAsync(slug).flatMap(catalog -> recommendations.forUser(catalog, user, query));
    }

    /** Next items for an anonymous session whose items are posted. */
    @POST
    @Path("recommendations")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Recommendations> forSession(@PathParam("catalog") String slug, SessionRequest session,
            @QueryParam("exclude_seen") @DefaultValue("true") boolean excludeSeen,
            @QueryParam("filter") List<String> filters) {
        if (session == null) {
            throw ProblemException.badRequest("a JSON body {\"history\": [item ids], \"k\": 10} is required");
        }
        List<String> history = session.checkedHistory();
        RecommendationQuery query = RecommendationQuery.of(session.k(), excludeSeen, filters);
        return directory.requireAsync(slug).flatMap(catalog -> recommendations.forSession(catalog, history, query));
    }

    /** Items most like this one. */
    @GET
    @Path("items/{item}/similar")
    public Uni<Recommendations> similar(@PathParam("catalog") String slug, @PathParam("item") String item,
            @QueryParam("k") Integer k, @QueryParam("filter") List<String> filters) {
        RecommendationQuery query = RecommendationQuery.of(k, true, filters);
        return directory.requireAsync(slug).flatMap(catalog -> recommendations.similar(catalog, item, query));
    }
}
