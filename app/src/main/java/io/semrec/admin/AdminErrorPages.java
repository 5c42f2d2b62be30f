package io.semrec.admin;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.semrec.api.Problem;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response.Status;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Shows errors under {@code /admin} as pages in the layout rather than as the API's
 * problem+json, so an operator sees what went wrong and a way back.
 */
public class AdminErrorPages {

    @CheckedTemplate(basePath = "errors")
    static class Templates {
        static native TemplateInstance page(int status, String title, String detail);
    }

    @ServerResponseFilter
    public void asPage(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getStatus() < 400 || !AdminHome.covers(request.getUriInfo().getPath())) {
            return;
        }
        TemplateInstance page;
        if (response.getEntity() instanceof Problem problem) {
            page = Templates.page(problem.status, problem.title, problem.detail);
        } else if (response.getEntity() == null) {
            int status = response.getStatus();
            page = Templates.page(status, reason(status), detail(status, request.getMethod()));
        } else {
            return;
        }
        response.setEntity(page.render(), null, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"));
    }

    private static String reason(int status) {
        Status known = Status.fromStatusCode(status);
        return known == null ? "Error " + status : known.getReasonPhrase();
    }

    private static String detail(int status, String method) {
        if (status == 400 && !HttpMethod.GET.equals(method)) {
            // The CSRF filter refuses a form without a valid token with a bare 400.
            return "The form could not be verified; it may have been open for too long. "
                    + "Go back, reload the page and send it again.";
        }
        return status == 404 ? "There is nothing at this address." : "The request could not be completed.";
    }
}
