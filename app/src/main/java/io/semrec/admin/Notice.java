package io.semrec.admin;

import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Arrays;

/**
 * Confirmations shown once after a form redirects (post, redirect, get). The URL carries only
 * the code, so no text from a request is ever echoed back.
 */
public enum Notice {
    SIGNED_OUT("signed-out", "You are signed out."),
    CATALOG_CREATED("catalog-created", "Catalog created."),
    CATALOG_SAVED("catalog-saved", "Settings saved."),
    CATALOG_DELETED("catalog-deleted", "Catalog deleted with all its data."),
    KEY_REVOKED("key-revoked", "API key revoked; requests with it are refused from now on."),
    JOB_QUEUED("job-queued", "Training job queued; the next free worker starts it."),
    JOB_CANCELLED("job-cancelled", "Job cancelled."),
    JOB_CANCEL_REQUESTED("job-cancel-requested", "Cancellation requested; the worker stops the job within a few seconds."),
    MODEL_ACTIVATED("model-activated", "Model activated; recommendations come from it from now on."),
    MODEL_DELETED("model-deleted", "Model deleted with its vectors.");

    public final String code;
    public final String message;

    Notice(String code, String message) {
        this.code = code;
        this.message = message;
    }

    /** The notice with this code, or null for none or an unknown one. */
    public static Notice parse(String code) {
        return Arrays.stream(values()).filter(n -> n.code.equals(code)).findFirst().orElse(null);
    }

    /** A 303 to {@code path} that shows this notice there. */
    public Response redirect(String path) {
        return Response.seeOther(URI.create(path + "?notice=" + code)).build();
    }
}
