package io.semrec.ingest;

import io.semrec.api.ProblemException;
import jakarta.ws.rs.core.MediaType;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The import format a request's Content-Type names; anything else is a 415. */
final class ImportFormats {

    private ImportFormats() {
    }

    static IngestFormat of(MediaType type) {
        IngestFormat format = type == null ? null
                : IngestFormat.of(type.getType() + "/" + type.getSubtype()).orElse(null);
        if (format == null) {
            throw unsupported("send " + IngestFormat.MediaTypes.NDJSON + " or " + IngestFormat.MediaTypes.CSV);
        }
        String charset = type.getParameters().get(MediaType.CHARSET_PARAMETER);
        if (charset != null && !isUtf8(charset)) {
            throw unsupported("import bodies must be UTF-8, not " + charset);
        }
        return format;
    }

    private static boolean isUtf8(String charset) {
        try {
            return Charset.isSupported(charset) && Charset.forName(charset).equals(StandardCharsets.UTF_8);
        } catch (IllegalCharsetNameException e) {
            return false;
        }
    }

    private static ProblemException unsupported(String detail) {
        return new ProblemException(415, "Unsupported Media Type", detail, Map.of());
    }
}
