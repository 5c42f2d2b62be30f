package io.semrec.admin.catalog;

import io.semrec.admin.FormErrors;
import io.semrec.ingest.IngestFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/** The upload form: what the file holds and the file, which Quarkus has streamed to a temporary file. */
public class UploadForm {

    /** File name endings of the import formats; the part's own type decides for other names. */
    private static final Map<String, IngestFormat> BY_ENDING = Map.of(
            ".jsonl", IngestFormat.NDJSON, ".ndjson", IngestFormat.NDJSON, ".json", IngestFormat.NDJSON,
            ".csv", IngestFormat.CSV);

    @RestForm
    public String kind;

    @RestForm
    public FileUpload file;

    /** The kind chosen, or null with a message. */
    UploadKind kind(FormErrors errors) {
        Optional<UploadKind> chosen = UploadKind.parse(kind);
        if (chosen.isEmpty()) {
            errors.add("kind", "choose whether the file holds items or events");
        }
        return chosen.orElse(null);
    }

    /** The file's format by its name's ending, else by its declared type; null with a message. */
    IngestFormat format(FormErrors errors) {
        if (file == null || file.fileName() == null || file.fileName().isBlank()) {
            errors.add("file", "choose a file");
            return null;
        }
        String name = file.fileName().toLowerCase(Locale.ROOT);
        Optional<IngestFormat> format = BY_ENDING.entrySet().stream()
                .filter(ending -> name.endsWith(ending.getKey())).map(Map.Entry::getValue).findFirst()
                .or(() -> file.contentType() == null ? Optional.empty()
                        : IngestFormat.of(file.contentType().split(";")[0].strip()));
        if (format.isEmpty()) {
            errors.add("file", "choose an NDJSON file (.jsonl, .ndjson) or a CSV file (.csv)");
        }
        return format.orElse(null);
    }

    /** The name the browser gave the file, for the report. */
    String fileName() {
        return file == null ? null : file.fileName();
    }
}
