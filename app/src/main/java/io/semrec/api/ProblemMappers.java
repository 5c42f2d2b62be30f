package io.semrec.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error leaves the API as RFC 9457 problem+json. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(e.status, e.title, e.getMessage(), uri, e.extensions);
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthorized(RuntimeException e, UriInfo uri) {
        Response response = respond(401, "Unauthorized",
                "a valid API key is required: Authorization: Bearer <key>", uri, Map.of());
        return Response.fromResponse(response).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(403, "Forbidden", "this API key's role does not allow this request", uri, Map.of());
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e, UriInfo uri) {
        List<Map<String, String>> violations = e.getConstraintViolations().stream()
                .map(v -> Map.of("field", fieldName(v), "reason", v.getMessage()))
                .toList();
        String detail = violations.stream().map(v -> v.get("field") + ": " + v.get("reason")).sorted()
                .reduce((a, b) -> a + "; " + b).orElse("invalid request");
        return respond(400, "Invalid request", detail, uri, Map.of("violations", violations));
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e, UriInfo uri) {
        return respond(400, "Malformed JSON", e.getOriginalMessage(), uri, Map.of());
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        Response.StatusType status = e.getResponse().getStatusInfo();
        return respond(status.getStatusCode(), status.getReasonPhrase(), e.getMessage(), uri, Map.of());
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri) {
        LOG.error("unhandled error on " + uri.getPath(), e);
        return respond(500, "Internal Server Error", "an unexpected error occurred; see the server log", uri, Map.of());
    }

    public static Response respond(int status, String title, String detail, UriInfo uri, Map<String, Object> extensions) {
        Problem body = new Problem("about:blank", title, status, detail, uri == null ? null : uri.getPath(), extensions);
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(body).build();
    }

    /** The request field a violation is about. */
    public static String fieldName(ConstraintViolation<?> violation) {
        // Property paths look like "create.request.slug": the last node is the field the client sent.
        String path = violation.getPropertyPath().toString();
        return path.substring(path.lastIndexOf('.') + 1);
    }
}
