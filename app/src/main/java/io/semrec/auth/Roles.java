package io.semrec.auth;

/** Role names for {@code @RolesAllowed}; see {@link ApiRole} for which key role grants which. */
public final class Roles {

    public static final String READ = "read";
    public static final String INGEST = "ingest";
    public static final String ADMIN = "admin";

    private Roles() {
    }
}
