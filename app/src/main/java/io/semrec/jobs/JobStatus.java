package io.semrec.jobs;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** A training job's lifecycle: queued → running → succeeded | failed | cancelled (running may go back to queued). */
public enum JobStatus {
    QUEUED,
    RUNNING,
    SUCCEEDED,
    FAILED,
    CANCELLED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<JobStatus> fromWireName(String name) {
        return Arrays.stream(values()).filter(s -> s.wireName().equals(name)).findFirst();
    }
}
