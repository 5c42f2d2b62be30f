package io.semrec.admin;

import io.quarkus.qute.TemplateExtension;
import java.util.Locale;

/** Lengths of time as the admin pages write them: "45 s", "3 min 05 s", "2 h 07 min". */
public final class Durations {

    private static final int MINUTE = 60;
    private static final int HOUR = 3600;

    private Durations() {
    }

    /** {@code {seconds.duration}} in templates; null for an unknown length. */
    @TemplateExtension
    public static String duration(Number seconds) {
        if (seconds == null) {
            return null;
        }
        long total = Math.round(seconds.doubleValue());
        if (total < MINUTE) {
            return total + " s";
        }
        if (total < HOUR) {
            return String.format(Locale.ROOT, "%d min %02d s", total / MINUTE, total % MINUTE);
        }
        return String.format(Locale.ROOT, "%d h %02d min", total / HOUR, total % HOUR / MINUTE);
    }
}
