package io.semrec.ingest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads RFC 4180 records: fields separated by commas, records by {@code \n} or {@code \r\n};
 * a quoted field may hold commas, doubled quotes and line breaks, so one record can span several
 * lines and is numbered by the line it starts on. Empty lines are skipped (but counted).
 *
 * <p>A malformed record is reported and skipped up to the end of the physical line where the error
 * was seen, since its quoting can no longer be trusted; a record over the byte limit is read to its
 * real end but not kept.
 */
final class CsvTokenizer {

    private enum State { FIELD_START, UNQUOTED, QUOTED, QUOTE_IN_QUOTED }

    private final ByteCursor in;
    private final int maxBytes;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private byte[] field = new byte[256];
    private int fieldLength;
    private long nextLine = 1;

    CsvTokenizer(ByteCursor in, int maxBytes) {
        this.in = in;
        this.maxBytes = maxBytes;
    }

    /** The next non-empty record, or null at the end of the body. */
    CsvRecord next() throws IOException {
        while (in.peek() >= 0) {
            CsvRecord record = readRecord();
            if (record != null) {
                return record;
            }
        }
        return null;
    }

    /** Reads one record; null when it was an empty line. */
    private CsvRecord readRecord() throws IOException {
        long start = nextLine;
        List<String> fields = new ArrayList<>();
        String error = null;
        long bytes = 0;
        boolean anyQuoted = false;
        State state = State.FIELD_START;
        fieldLength = 0;
        while (true) {
            int b = read();
            if (b < 0) {
                if (state == State.QUOTED && error == null) {
                    error = "unterminated quoted field";
                }
                break;
            }
            if (state != State.QUOTED && isLineEnd(b)) {
                break;
            }
            bytes++;
            if (bytes > maxBytes && error == null) {
                error = "line longer than " + maxBytes + " bytes";
                fields.clear();
            }
            switch (state) {
                case FIELD_START -> {
                    if (b == '"') {
                        state = State.QUOTED;
                        anyQuoted = true;
                    } else if (b == ',') {
                        error = endField(fields, error);
                    } else {
                        add(b, error);
                        state = State.UNQUOTED;
                    }
                }
                case UNQUOTED -> {
                    if (b == ',') {
                        error = endField(fields, error);
                        state = State.FIELD_START;
                    } else if (b == '"') {
                        return skipLine(start, "quote inside an unquoted field (quote the whole field and double the quotes inside it)", error);
                    } else {
                        add(b, error);
                    }
                }
                case QUOTED -> {
                    if (b == '"') {
                        state = State.QUOTE_IN_QUOTED;
                    } else {
                        add(b, error);
                    }
                }
                case QUOTE_IN_QUOTED -> {
                    if (b == '"') {
                        add(b, error);
                        state = State.QUOTED;
                    } else if (b == ',') {
                        error = endField(fields, error);
                        state = State.FIELD_START;
                    } else {
                        return skipLine(start, "unexpected character after a closing quote", error);
                    }
                }
            }
        }
        if (bytes == 0 && !anyQuoted) {
            return null;
        }
        error = endField(fields, error);
        return new CsvRecord(start, error == null ? List.copyOf(fields) : List.of(), error);
    }

    private int read() throws IOException {
        int b = in.read();
        if (b == '\n') {
            nextLine++;
        }
        return b;
    }

    /** True for {@code \n}, and for a {@code \r} that ends a line (its {@code \n} is consumed too). */
    private boolean isLineEnd(int b) throws IOException {
        if (b == '\n') {
            return true;
        }
        if (b != '\r') {
            return false;
        }
        int following = in.peek();
        if (following == '\n') {
            read();
            return true;
        }
        return following < 0;
    }

    private CsvRecord skipLine(long start, String reason, String earlierError) throws IOException {
        int b;
        do {
            b = read();
        } while (b >= 0 && b != '\n');
        return new CsvRecord(start, List.of(), earlierError != null ? earlierError : reason);
    }

    private void add(int b, String error) {
        if (error != null) {
            return;
        }
        if (fieldLength == field.length) {
            field = Arrays.copyOf(field, field.length * 2);
        }
        field[fieldLength++] = (byte) b;
    }

    /** Closes the current field; returns the record's error, set if the field is not valid UTF-8. */
    private String endField(List<String> fields, String error) {
        if (error == null) {
            try {
                fields.add(utf8.decode(ByteBuffer.wrap(field, 0, fieldLength)).toString());
            } catch (CharacterCodingException e) {
                error = "field " + (fields.size() + 1) + " is not valid UTF-8";
            }
        }
        fieldLength = 0;
        return error;
    }
}
