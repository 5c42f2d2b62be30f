package io.semrec.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/** Validation shared by the record schemas: every check PostgreSQL would otherwise fail a whole batch on. */
final class Fields {

    /** Matches the {@code length(...) BETWEEN 1 AND 256} checks on item and user ids in the schema. */
    static final int MAX_ID_LENGTH = 256;

    private Fields() {
    }

    /** An id from JSON: a string, or an integer taken as its decimal text. */
    static String id(JsonNode node, String name) {
        if (node == null || node.isNull()) {
            throw new InvalidLineException("missing " + name);
        }
        if (node.isTextual()) {
            return id(node.textValue(), name);
        }
        if (node.isIntegralNumber()) {
            return id(node.asText(), name);
        }
        throw new InvalidLineException(name + " must be a string or an integer");
    }

    static String id(String text, String name) {
        if (text.isEmpty()) {
            throw new InvalidLineException("missing " + name);
        }
        if (text.codePointCount(0, text.length()) > MAX_ID_LENGTH) {
            throw new InvalidLineException(name + " longer than " + MAX_ID_LENGTH + " characters");
        }
        requireNoNul(text, name);
        return text;
    }

    /** A sequence number from JSON: absent, null or a non-negative integer. */
    static Long seq(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isIntegralNumber() && node.canConvertToLong() && node.longValue() >= 0) {
            return node.longValue();
        }
        throw invalidSeq();
    }

    /** A sequence number from CSV: empty, or decimal digits that fit a 64-bit integer. */
    static Long seq(String text) {
        if (text.isEmpty()) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                throw invalidSeq();
            }
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw invalidSeq();
        }
    }

    /** PostgreSQL text and jsonb cannot hold U+0000. */
    static void requireNoNul(String text, String name) {
        if (text.indexOf('\0') >= 0) {
            throw new InvalidLineException(name + " contains a NUL character (U+0000), which cannot be stored");
        }
    }

    /** Checks every key and string inside a JSON value for U+0000. */
    static void requireNoNul(JsonNode node, String name) {
        if (node.isTextual()) {
            requireNoNul(node.textValue(), name);
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                requireNoNul(field.getKey(), name);
                requireNoNul(field.getValue(), name);
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                requireNoNul(element, name);
            }
        }
    }

    private static InvalidLineException invalidSeq() {
        return new InvalidLineException("seq must be a non-negative integer");
    }
}
