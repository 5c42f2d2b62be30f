package io.semrec.training.lm;

import com.fasterxml.jackson.databind.JsonNode;

/** Reading fields of a Hugging Face {@code config.json}. */
final class HfConfigs {

    private HfConfigs() {
    }

    static int requireInt(JsonNode config, String field) {
        JsonNode value = config.get(field);
        if (value == null || !value.canConvertToInt()) {
            throw new IllegalArgumentException("config.json lacks the integer " + field);
        }
        return value.asInt();
    }

    /** A token id field that may be absent, null, or a list (the first id counts). */
    static Long tokenId(JsonNode config, String field) {
        JsonNode value = config.path(field);
        if (value.isArray() && !value.isEmpty()) {
            value = value.get(0);
        }
        return value.canConvertToLong() && value.isIntegralNumber() ? value.asLong() : null;
    }
}
