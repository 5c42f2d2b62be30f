package io.semrec.ingest;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a body byte by byte through its own buffer (no per-byte locking, unlike
 * {@link java.io.BufferedInputStream}) and drops a UTF-8 byte order mark at the very start.
 */
final class ByteCursor {

    private static final int BUFFER_BYTES = 64 * 1024;
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final InputStream in;
    private final byte[] buffer = new byte[BUFFER_BYTES];
    private int position;
    private int limit;
    private boolean started;

    ByteCursor(InputStream in) {
        this.in = in;
    }

    /** The next byte (0–255), or -1 at the end of the body. */
    int read() throws IOException {
        if (position == limit && !fill()) {
            return -1;
        }
        return buffer[position++] & 0xFF;
    }

    /** The next byte without consuming it, or -1 at the end of the body. */
    int peek() throws IOException {
        if (position == limit && !fill()) {
            return -1;
        }
        return buffer[position] & 0xFF;
    }

    private boolean fill() throws IOException {
        if (!started) {
            started = true;
            return fillSkippingBom();
        }
        int n;
        do {
            n = in.read(buffer, 0, buffer.length);
        } while (n == 0);
        if (n < 0) {
            return false;
        }
        position = 0;
        limit = n;
        return true;
    }

    private boolean fillSkippingBom() throws IOException {
        int n = in.readNBytes(buffer, 0, UTF8_BOM.length);
        position = 0;
        limit = n;
        if (n == UTF8_BOM.length && buffer[0] == UTF8_BOM[0] && buffer[1] == UTF8_BOM[1] && buffer[2] == UTF8_BOM[2]) {
            position = n;
            return position < limit || fill();
        }
        return n > 0;
    }
}
