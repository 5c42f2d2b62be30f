package io.semrec.ingest;

import io.semrec.api.ProblemMappers;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** A body that cannot be imported at all (such as a CSV header lacking a required column) is a 400. */
public class IngestProblemMappers {

    @ServerExceptionMapper
    public Response unusable(UnusableBodyException e, UriInfo uri) {
        return ProblemMappers.respond(400, "Unusable import body", e.getMessage(), uri, e.details);
    }
}
