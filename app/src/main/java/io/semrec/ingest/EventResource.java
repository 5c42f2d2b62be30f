package io.semrec.ingest;

import io.semrec.auth.Roles;
import io.semrec.catalog.CatalogDirectory;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;

@Path("/api/v1/catalogs/{catalog}/events")
@Produces(MediaType.APPLICATION_JSON)
public class EventResource {

    @Inject
    CatalogDirectory directory;

    @Inject
    IngestService ingest;

    /** Imports events from an NDJSON or CSV body, streamed like item imports. */
    @POST
    @RolesAllowed(Roles.INGEST)
    @Consumes({IngestFormat.MediaTypes.NDJSON, IngestFormat.MediaTypes.CSV})
    public IngestReport importEvents(@PathParam("catalog") String slug,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) MediaType type, InputStream body) throws IOException {
        return ingest.importEvents(directory.require(slug), ImportFormats.of(type), body);
    }
}
