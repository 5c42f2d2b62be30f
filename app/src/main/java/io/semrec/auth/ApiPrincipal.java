package io.semrec.auth;

import java.security.Principal;

/** Who is calling: an API key (or the configured first admin key, {@code keyId} null). */
public record ApiPrincipal(Long keyId, String name, ApiRole role, Long catalogId) implements Principal {

    public static final String ATTRIBUTE = "semrec.principal";

    @Override
    public String getName() {
        return name;
    }

    public boolean mayAccessCatalog(long id) {
        return catalogId == null || catalogId == id;
    }
}
