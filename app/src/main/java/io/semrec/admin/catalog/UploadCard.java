package io.semrec.admin.catalog;

import io.semrec.admin.FormErrors;
import io.semrec.ingest.IngestReport;

/**
 * The upload part of a catalog's page: the form as sent (its errors next to its fields) and the
 * report of the import it ran.
 *
 * @param fileName the uploaded file's name; null before an upload
 * @param report the import's counts and per-line errors; null before an upload or when it was refused
 */
public record UploadCard(String kind, FormErrors errors, String fileName, IngestReport report) {

    static UploadCard blank() {
        return new UploadCard(UploadKind.ITEMS.value, FormErrors.none(), null, null);
    }

    /** Whether the report lists fewer errors than lines were rejected. */
    public boolean errorsCut() {
        return report != null && report.rejected() > report.errors().size();
    }
}
