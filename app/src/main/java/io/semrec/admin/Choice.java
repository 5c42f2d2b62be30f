package io.semrec.admin;

/** One option of a select ({@code {#choice}} tag): the value a form sends and what the operator reads. */
public record Choice(String value, String label) {

    /** An option that reads as its value. */
    public static Choice of(String value) {
        return new Choice(value, value);
    }
}
