package io.semrec.admin;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.semrec.admin.signin.AdminUsers;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.Optional;

/**
 * Who is signed in, for the layout's header ({@code inject:currentAdmin}). Reads the identity the
 * {@code /admin} permission check already established, so that rendering never has to authenticate
 * (which must not happen on an IO thread, where error pages may render).
 */
@Named
@RequestScoped
public class CurrentAdmin {

    @Inject
    RoutingContext request;

    public boolean signedIn() {
        return identity().map(i -> i.hasRole(AdminUsers.ROLE)).orElse(false);
    }

    public String username() {
        return identity().map(i -> i.getPrincipal().getName()).orElse("");
    }

    private Optional<SecurityIdentity> identity() {
        return request.user() instanceof QuarkusHttpUser user ? Optional.of(user.getSecurityIdentity()) : Optional.empty();
    }
}
