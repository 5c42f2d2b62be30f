package io.semrec.ingest;

import java.util.Arrays;
import java.util.Optional;

/** The body formats an import accepts, by media type; bodies are UTF-8. */
public enum IngestFormat {
    NDJSON(MediaTypes.NDJSON),
    CSV(MediaTypes.CSV);

    /** The media types as constants, for annotations such as {@code @Consumes}. */
    public static final class MediaTypes {
        public static final String NDJSON = "application/x-ndjson";
        public static final String CSV = "text/csv";

        private MediaTypes() {
        }
    }

    public final String mediaType;

    IngestFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    /** The format for a {@code type/subtype} (no parameters), if it is one we read. */
    public static Optional<IngestFormat> of(String typeAndSubtype) {
        return Arrays.stream(values()).filter(f -> f.mediaType.equalsIgnoreCase(typeAndSubtype)).findFirst();
    }
}
