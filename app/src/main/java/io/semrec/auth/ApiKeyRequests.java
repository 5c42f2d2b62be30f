package io.semrec.auth;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Request bodies of the API key endpoints. */
public final class ApiKeyRequests {

    private ApiKeyRequests() {
    }

    /** {@code catalog}: slug the key is limited to, or null for every catalog. */
    public record Create(
            @NotBlank @Size(max = 200) String name,
            @NotBlank @Pattern(regexp = "read|ingest|admin", message = "must be one of read, ingest, admin") String role,
            String catalog) {
    }
}
