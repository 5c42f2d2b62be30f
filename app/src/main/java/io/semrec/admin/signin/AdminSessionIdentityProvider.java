package io.semrec.admin.signin;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TrustedAuthenticationRequest;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Restores a signed-in user from the session cookie, which ends when the user is removed. */
@ApplicationScoped
public class AdminSessionIdentityProvider implements IdentityProvider<TrustedAuthenticationRequest> {

    @Inject
    AdminUsers users;

    @Override
    public Class<TrustedAuthenticationRequest> getRequestType() {
        return TrustedAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TrustedAuthenticationRequest request, AuthenticationRequestContext context) {
        return context.runBlocking(() -> users.resume(request.getPrincipal())
                .orElseThrow(() -> new AuthenticationFailedException("the session's user no longer exists")));
    }
}
