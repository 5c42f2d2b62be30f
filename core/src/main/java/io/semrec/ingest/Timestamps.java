package io.semrec.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAccessor;
import java.util.regex.Pattern;

/**
 * Event times: ISO-8601 (date-time with offset; without one it is taken as UTC; a date alone is
 * midnight UTC; a space may stand for the 'T') or epoch seconds with an optional fraction.
 * Kept to microseconds, PostgreSQL's precision, so identities compare the way they are stored.
 */
public final class Timestamps {

    static final Instant MIN = Instant.parse("0001-01-01T00:00:00Z");
    static final Instant MAX = Instant.parse("9999-12-31T23:59:59.999999Z");

    private static final Pattern EPOCH_SECONDS = Pattern.compile("-?\\d+(\\.\\d+)?");
    private static final BigDecimal MIN_SECONDS = BigDecimal.valueOf(MIN.getEpochSecond());
    private static final BigDecimal MAX_SECONDS = BigDecimal.valueOf(MAX.getEpochSecond() + 1);
    private static final String UNREADABLE = "ts is neither ISO-8601 nor epoch seconds";
    private static final String OUT_OF_RANGE = "ts out of range: years 0001 to 9999 (epoch values are seconds, not milliseconds)";

    private Timestamps() {
    }

    /** A time from JSON: absent, null, a number of epoch seconds or a string as in {@link #parse(String)}. */
    public static Instant fromJson(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isNumber()) {
            return fromEpochSeconds(node.decimalValue());
        }
        if (node.isTextual()) {
            return parse(node.textValue());
        }
        throw new InvalidLineException(UNREADABLE);
    }

    /** A time from text; null for the empty string. */
    public static Instant parse(String text) {
        if (text.isEmpty()) {
            return null;
        }
        if (EPOCH_SECONDS.matcher(text).matches()) {
            return fromEpochSeconds(new BigDecimal(text));
        }
        return checked(fromIso(text.length() > 10 && text.charAt(10) == ' '
                ? text.substring(0, 10) + 'T' + text.substring(11)
                : text));
    }

    private static Instant fromEpochSeconds(BigDecimal seconds) {
        if (seconds.compareTo(MIN_SECONDS) < 0 || seconds.compareTo(MAX_SECONDS) >= 0) {
            throw new InvalidLineException(OUT_OF_RANGE);
        }
        long micros = seconds.movePointRight(6).setScale(0, RoundingMode.FLOOR).longValueExact();
        return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }

    private static Instant fromIso(String text) {
        try {
            TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parse(text);
            return parsed.isSupported(ChronoField.INSTANT_SECONDS)
                    ? Instant.from(parsed)
                    : LocalDateTime.from(parsed).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException notDateTime) {
            try {
                return LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException notDate) {
                throw new InvalidLineException(UNREADABLE);
            }
        }
    }

    private static Instant checked(Instant instant) {
        if (instant.isBefore(MIN) || instant.isAfter(MAX)) {
            throw new InvalidLineException(OUT_OF_RANGE);
        }
        return instant.truncatedTo(ChronoUnit.MICROS);
    }
}
