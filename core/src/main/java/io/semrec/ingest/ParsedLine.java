package io.semrec.ingest;

/** One line of an import body after parsing: a value to store, or the reason it was rejected. */
public sealed interface ParsedLine<T> permits ParsedLine.Valid, ParsedLine.Invalid {

    /** 1-based line number in the body (for CSV the header is line 1, a multi-line record counts from its first line). */
    long line();

    record Valid<T>(long line, T value) implements ParsedLine<T> {
    }

    record Invalid<T>(long line, String reason) implements ParsedLine<T> {
    }
}
