package io.semrec.ingest;

import java.io.IOException;
import java.util.Arrays;

/**
 * Splits a body into lines ended by {@code \n} or {@code \r\n}, numbered from 1. A line over the
 * byte limit is consumed without being kept, so one runaway line cannot exhaust memory.
 */
final class LineReader {

    private final ByteCursor in;
    private final int maxBytes;
    private byte[] line = new byte[1024];
    private int length;
    private boolean tooLong;
    private long number;

    LineReader(ByteCursor in, int maxBytes) {
        this.in = in;
        this.maxBytes = maxBytes;
    }

    /** Moves to the next line; false at the end of the body. */
    boolean next() throws IOException {
        int b = in.read();
        if (b < 0) {
            return false;
        }
        number++;
        length = 0;
        tooLong = false;
        while (b >= 0 && b != '\n') {
            append(b);
            b = in.read();
        }
        if (!tooLong && length > 0 && line[length - 1] == '\r') {
            length--;
        }
        tooLong |= length > maxBytes;
        return true;
    }

    int maxBytes() {
        return maxBytes;
    }

    long number() {
        return number;
    }

    boolean tooLong() {
        return tooLong;
    }

    /** The line's bytes, valid in {@code [0, length())} until the next call of {@link #next()}. */
    byte[] bytes() {
        return line;
    }

    int length() {
        return length;
    }

    boolean isBlank() {
        for (int i = 0; i < length; i++) {
            byte b = line[i];
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    private void append(int b) {
        if (tooLong) {
            return;
        }
        // One byte of slack for the '\r' of a CRLF ending, which does not count.
        if (length > maxBytes) {
            tooLong = true;
            return;
        }
        if (length == line.length) {
            line = Arrays.copyOf(line, Math.min(line.length * 2, maxBytes + 1));
        }
        line[length++] = (byte) b;
    }
}
