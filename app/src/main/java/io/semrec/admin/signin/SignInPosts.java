package io.semrec.admin.signin;

import io.quarkus.security.AuthenticationException;
import io.quarkus.vertx.http.runtime.security.SecurityHandlerPriorities;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Guards and completes the sign-in form's post, which Quarkus form authentication handles before
 * any REST filter runs:
 * <ul>
 * <li>refuses posts that the browser reports as coming from another site (login CSRF; every other
 * form is guarded by its CSRF token);
 * <li>sends a failed sign-in back to the form. With lazy authentication the failure would
 * otherwise reach the API's exception mappers and end as a problem+json 401.
 * </ul>
 */
@ApplicationScoped
public class SignInPosts {

    private static final Set<String> ALLOWED_SITES = Set.of("same-origin", "none");
    // Before the form authentication handler reads the posted credentials.
    private static final int ORDER = -1 * (SecurityHandlerPriorities.FORM_AUTHENTICATION + 10);

    @ConfigProperty(name = "quarkus.http.auth.form.post-location")
    String postLocation;

    @ConfigProperty(name = "quarkus.http.auth.form.error-page")
    String errorPage;

    void register(@Observes Router router) {
        router.post(postLocation).order(ORDER).handler(this::refuseCrossSite).failureHandler(this::backToForm);
    }

    private void refuseCrossSite(RoutingContext context) {
        String site = context.request().getHeader("Sec-Fetch-Site");
        if (site != null && !ALLOWED_SITES.contains(site)) {
            context.response().setStatusCode(403).end();
            return;
        }
        context.next();
    }

    private void backToForm(RoutingContext context) {
        if (context.failure() instanceof AuthenticationException) {
            context.redirect(errorPage);
            return;
        }
        context.next();
    }
}
