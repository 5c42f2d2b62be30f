package io.semrec.auth;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Turns a bearer secret into an identity whose roles are those its key's role grants. */
@ApplicationScoped
public class ApiKeyIdentityProvider implements IdentityProvider<ApiKeyAuthenticationRequest> {

    @Inject
    ApiKeyRegistry registry;

    @Override
    public Class<ApiKeyAuthenticationRequest> getRequestType() {
        return ApiKeyAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(ApiKeyAuthenticationRequest request, AuthenticationRequestContext context) {
        ApiPrincipal known = registry.knownPrincipal(request.secret);
        if (known != null) {
            // Nothing blocks: answer on the I/O thread instead of hopping to a worker and back.
            return Uni.createFrom().item(identity(known));
        }
        return context.runBlocking(() -> identity(registry.resolve(request.secret)
                .orElseThrow(() -> new AuthenticationFailedException("unknown or revoked API key"))));
    }

    private static SecurityIdentity identity(ApiPrincipal principal) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(principal)
                .addRoles(principal.role().grants)
                .addAttribute(ApiPrincipal.ATTRIBUTE, principal)
                .build();
    }
}
