package io.semrec.training.recformer;

/** Recformer's token types: what kind of text a token is, one more embedding summed into its input. */
public final class TokenTypes {

    public static final int CLS = 0;
    public static final int KEY = 1;
    public static final int VALUE = 2;
    public static final int PAD = 3;
    /** Rows of the token-type table. */
    public static final int COUNT = 4;

    private TokenTypes() {
    }
}
