package io.semrec.ingest;

import io.semrec.api.Page;
import io.semrec.api.PageRequest;
import io.semrec.auth.Roles;
import io.semrec.catalog.CatalogDirectory;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.sql.SQLException;

@Path("/api/v1/catalogs/{catalog}/items")
@Produces(MediaType.APPLICATION_JSON)
public class ItemResource {

    @Inject
    CatalogDirectory directory;

    @Inject
    IngestService ingest;

    @Inject
    ItemService items;

    /**
     * Upserts items from an NDJSON or CSV body, streamed (a blocking method with an
     * {@code InputStream} entity reads the body as it arrives once it outgrows Quarkus's input buffer).
     */
    @POST
    @RolesAllowed(Roles.INGEST)
    @Consumes({IngestFormat.MediaTypes.NDJSON, IngestFormat.MediaTypes.CSV})
    public IngestReport importItems(@PathParam("catalog") String slug,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) MediaType type, InputStream body) throws IOException {
        return ingest.importItems(directory.require(slug), ImportFormats.of(type), body);
    }

    @GET
    @RolesAllowed(Roles.READ)
    public Page<ItemView> list(@PathParam("catalog") String slug, @QueryParam("limit") Integer limit,
            @QueryParam("cursor") String cursor) throws SQLException {
        return items.list(directory.require(slug), PageRequest.of(limit, cursor));
    }

    @GET
    @Path("{item}")
    @RolesAllowed(Roles.READ)
    public ItemView get(@PathParam("catalog") String slug, @PathParam("item") String itemId) throws SQLException {
        return items.get(directory.require(slug), itemId);
    }

    /** Marks the item unavailable (204); see {@link ItemService#markUnavailable}. */
    @DELETE
    @Path("{item}")
    @RolesAllowed(Roles.INGEST)
    public void markUnavailable(@PathParam("catalog") String slug, @PathParam("item") String itemId) throws SQLException {
        items.markUnavailable(directory.require(slug), itemId);
    }
}
