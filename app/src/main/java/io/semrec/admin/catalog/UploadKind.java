package io.semrec.admin.catalog;

import java.util.Arrays;
import java.util.Optional;

/** What an uploaded file holds. */
public enum UploadKind {
    ITEMS("items"),
    EVENTS("events");

    /** The form value. */
    public final String value;

    UploadKind(String value) {
        this.value = value;
    }

    static Optional<UploadKind> parse(String value) {
        return Arrays.stream(values()).filter(kind -> kind.value.equals(value)).findFirst();
    }
}
