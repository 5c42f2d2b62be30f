package io.semrec.method;

/** A parameter map that does not fit a method's declaration; {@code param} names the offending entry. */
public class InvalidParamException extends IllegalArgumentException {

    public final String param;

    public InvalidParamException(String param, String detail) {
        super(detail);
        this.param = param;
    }
}
