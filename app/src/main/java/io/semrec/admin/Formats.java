package io.semrec.admin;

import io.quarkus.qute.TemplateExtension;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the admin templates write numbers and times: {@code {count.grouped}}, {@code {time.shortTime}}. */
@TemplateExtension
public class Formats {

    private static final DateTimeFormatter SHORT_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT);

    private Formats() {
    }

    static String grouped(long number) {
        return String.format(Locale.ROOT, "%,d", number);
    }

    static String shortTime(OffsetDateTime time) {
        return time.atZoneSameInstant(ZoneOffset.UTC).format(SHORT_TIME);
    }
}
