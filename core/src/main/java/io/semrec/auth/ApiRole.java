package io.semrec.auth;

import java.util.Locale;
import java.util.Set;

/** What an API key may do; each role includes the ones below it. */
public enum ApiRole {
    READ(Set.of("read")),
    INGEST(Set.of("read", "ingest")),
    ADMIN(Set.of("read", "ingest", "admin"));

    /** Security role names granted by this role, as used in {@code @RolesAllowed}. */
    public final Set<String> grants;

    ApiRole(Set<String> grants) {
        this.grants = grants;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ApiRole fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
