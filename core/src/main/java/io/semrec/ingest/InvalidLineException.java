package io.semrec.ingest;

/** One line cannot be stored; the message is the reason reported to the client. */
public class InvalidLineException extends RuntimeException {

    public InvalidLineException(String reason) {
        // No stack trace: these are expected, per line, and only their message is used.
        super(reason, null, false, false);
    }
}
