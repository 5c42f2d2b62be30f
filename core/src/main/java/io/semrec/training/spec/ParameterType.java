package io.semrec.training.spec;

/** The value kinds a training parameter can take (as they appear in JSON). */
public enum ParameterType {
    INTEGER,
    NUMBER,
    BOOLEAN,
    STRING,
    STRING_LIST
}
