package io.semrec.method;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The JSON type a method parameter takes. */
public enum ParamType {
    INT,
    DOUBLE,
    BOOLEAN,
    STRING;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
