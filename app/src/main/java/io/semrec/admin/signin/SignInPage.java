package io.semrec.admin.signin;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.FormAuthenticationMechanism;
import io.semrec.admin.Notice;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * The sign-in form and sign-out. Quarkus form authentication handles the posted form itself
 * ({@code quarkus.http.auth.form.*}) and redirects here when a page needs a signed-in user.
 */
@Path("/admin")
@Produces(MediaType.TEXT_HTML)
public class SignInPage {

    @CheckedTemplate(basePath = "signin")
    static class Templates {
        static native TemplateInstance page(boolean failed, Notice notice);
    }

    @Inject
    SecurityIdentity identity;

    @GET
    @Path("sign-in")
    public TemplateInstance page(@RestQuery boolean failed, @RestQuery String notice) {
        return Templates.page(failed, Notice.parse(notice));
    }

    @POST
    @Path("sign-out")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signOut() {
        FormAuthenticationMechanism.logout(identity);
        return Notice.SIGNED_OUT.redirect("/admin/sign-in");
    }
}
