package io.semrec.api;

import jakarta.ws.rs.core.Response.Status;
import java.util.LinkedHashMap;
import java.util.Map;

/** Thrown anywhere below a resource to answer with a problem+json of the given status. */
public class ProblemException extends RuntimeException {

    public final int status;
    public final String title;
    public final Map<String, Object> extensions;

    public ProblemException(int status, String title, String detail, Map<String, Object> extensions) {
        super(detail);
        this.status = status;
        this.title = title;
        this.extensions = new LinkedHashMap<>(extensions);
    }

    public ProblemException(Status status, String detail) {
        this(status.getStatusCode(), status.getReasonPhrase(), detail, Map.of());
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(Status.NOT_FOUND, detail);
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(Status.CONFLICT, detail);
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(Status.FORBIDDEN, detail);
    }

    /** A 400 naming the offending request field, so clients can point at it. */
    public static ProblemException invalidField(String field, String detail) {
        return new ProblemException(400, "Invalid request", field + ": " + detail, Map.of("field", field));
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(Status.BAD_REQUEST, detail);
    }
}
