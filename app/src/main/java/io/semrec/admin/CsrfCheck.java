package io.semrec.admin;

import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;
import org.jboss.resteasy.reactive.server.WithFormRead;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses every write under {@code /admin} that is not a form carrying the {@link CsrfToken} of
 * its browser (double-submit cookie). Scoped to the admin UI: API clients authenticate with a
 * bearer key that a browser never adds on its own, and post JSON, files or nothing without a token.
 */
public class CsrfCheck {

    private static final Set<String> SAFE_METHODS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    @ServerRequestFilter
    @WithFormRead
    public Response check(ResteasyReactiveContainerRequestContext request, RoutingContext routing) {
        if (SAFE_METHODS.contains(request.getMethod()) || !AdminHome.covers(request.getUriInfo().getPath())) {
            return null;
        }
        Cookie cookie = routing.request().getCookie(CsrfToken.COOKIE);
        Object sent = isForm(request.getMediaType())
                ? ((ResteasyReactiveRequestContext) request.getServerRequestContext())
                        .getFormParameter(CsrfToken.FIELD, true, false)
                : null;
        if (cookie == null || !(sent instanceof String token) || !MessageDigest.isEqual(
                cookie.getValue().getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8))) {
            return Response.status(Response.Status.BAD_REQUEST).build();
        }
        return null;
    }

    private static boolean isForm(MediaType type) {
        return type != null && !type.isWildcardType() && !type.isWildcardSubtype()
                && (type.isCompatible(MediaType.APPLICATION_FORM_URLENCODED_TYPE)
                        || type.isCompatible(MediaType.MULTIPART_FORM_DATA_TYPE));
    }
}
