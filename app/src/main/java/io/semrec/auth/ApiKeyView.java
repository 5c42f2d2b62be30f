package io.semrec.auth;

import java.time.OffsetDateTime;

/** An API key as listed; the secret itself is only ever returned once, at creation. */
public record ApiKeyView(long id, String name, String role, String catalog, String prefix,
        OffsetDateTime createdAt, OffsetDateTime revokedAt) {

    static ApiKeyView of(ApiKey key, String catalogSlug) {
        return new ApiKeyView(key.id, key.name, key.role, catalogSlug, key.keyPrefix, key.createdAt, key.revokedAt);
    }
}
