package io.semrec.training.spec;

/** A training parameter failed validation; {@link #field()} names it. */
public final class InvalidParameterException extends IllegalArgumentException {

    private final String field;

    public InvalidParameterException(String field, String detail) {
        super(field + ": " + detail);
        this.field = field;
    }

    public String field() {
        return field;
    }

    /** The detail without the field name. */
    public String detail() {
        return getMessage().substring(field.length() + 2);
    }
}
