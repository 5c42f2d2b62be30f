package io.semrec.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;

/** An item as the API shows it; unavailable items are kept for history but never recommended. */
public record ItemView(String itemId, JsonNode attributes, boolean available, OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {
}
