package io.semrec.admin;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Lets only HTML forms change anything under {@code /admin}. The CSRF filter checks the token of
 * every form but, so that API clients can post JSON and files, passes requests of other types;
 * without this guard a bodiless post (sign out, revoke, delete) would pass unchecked.
 */
public class AdminFormGuard {

    private static final Set<String> SAFE_METHODS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    @ServerRequestFilter
    public Response onlyForms(ContainerRequestContext request) {
        if (SAFE_METHODS.contains(request.getMethod()) || !AdminHome.covers(request.getUriInfo().getPath())
                || isForm(request.getMediaType())) {
            return null;
        }
        return Response.status(Response.Status.BAD_REQUEST).build();
    }

    private static boolean isForm(MediaType type) {
        return type != null && (type.isCompatible(MediaType.APPLICATION_FORM_URLENCODED_TYPE)
                || type.isCompatible(MediaType.MULTIPART_FORM_DATA_TYPE)) && !type.isWildcardType() && !type.isWildcardSubtype();
    }
}
