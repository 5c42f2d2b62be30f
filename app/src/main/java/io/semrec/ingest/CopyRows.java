package io.semrec.ingest;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Rows encoded in PostgreSQL's COPY text format (tab-separated, backslash escapes, {@code \N} for
 * null), ready to be sent to a staging table in one {@code COPY ... FROM STDIN}.
 */
final class CopyRows {

    private byte[] bytes = new byte[64 * 1024];
    private int size;
    private int rows;
    private boolean rowStarted;

    void text(String value) {
        separate();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> put2('\\', '\\');
                case '\t' -> put2('\\', 't');
                case '\n' -> put2('\\', 'n');
                case '\r' -> put2('\\', 'r');
                default -> {
                    if (c < 0x80) {
                        put(c);
                    } else {
                        i = putUtf8(value, i);
                    }
                }
            }
        }
    }

    void number(Long value) {
        if (value == null) {
            nullValue();
        } else {
            separate();
            ascii(Long.toString(value));
        }
    }

    void timestamp(Instant value) {
        if (value == null) {
            nullValue();
        } else {
            separate();
            ascii(value.toString());
        }
    }

    void endRow() {
        put('\n');
        rows++;
        rowStarted = false;
    }

    int rows() {
        return rows;
    }

    int bytes() {
        return size;
    }

    boolean isEmpty() {
        return rows == 0;
    }

    void clear() {
        size = 0;
        rows = 0;
        rowStarted = false;
    }

    /** Sends the rows to {@code table} on this connection. */
    void copyInto(Connection connection, String table) throws SQLException {
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + table + " FROM STDIN");
        try {
            copy.writeToCopy(bytes, 0, size);
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    private void nullValue() {
        separate();
        put2('\\', 'N');
    }

    private void separate() {
        if (rowStarted) {
            put('\t');
        }
        rowStarted = true;
    }

    private void ascii(String value) {
        for (int i = 0; i < value.length(); i++) {
            put(value.charAt(i));
        }
    }

    /** Encodes the character at {@code i} (with its low surrogate, if any) as UTF-8; returns the last index used. */
    private int putUtf8(String value, int i) {
        int codePoint = value.codePointAt(i);
        if (Character.isSurrogate(value.charAt(i)) && Character.charCount(codePoint) == 1) {
            codePoint = 0xFFFD; // a lone surrogate has no UTF-8 form
        }
        if (codePoint < 0x800) {
            put(0xC0 | codePoint >> 6);
            put(0x80 | codePoint & 0x3F);
        } else if (codePoint < 0x10000) {
            put(0xE0 | codePoint >> 12);
            put(0x80 | codePoint >> 6 & 0x3F);
            put(0x80 | codePoint & 0x3F);
        } else {
            put(0xF0 | codePoint >> 18);
            put(0x80 | codePoint >> 12 & 0x3F);
            put(0x80 | codePoint >> 6 & 0x3F);
            put(0x80 | codePoint & 0x3F);
        }
        return i + Character.charCount(codePoint) - 1;
    }

    private void put2(int a, int b) {
        put(a);
        put(b);
    }

    private void put(int b) {
        if (size == bytes.length) {
            bytes = Arrays.copyOf(bytes, bytes.length * 2);
        }
        bytes[size++] = (byte) b;
    }
}
