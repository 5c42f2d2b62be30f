package io.semrec.auth;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** A bearer secret waiting to be checked. */
final class ApiKeyAuthenticationRequest extends BaseAuthenticationRequest {

    final String secret;

    ApiKeyAuthenticationRequest(String secret) {
        this.secret = secret;
    }
}
