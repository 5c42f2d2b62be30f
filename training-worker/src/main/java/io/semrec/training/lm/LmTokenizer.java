package io.semrec.training.lm;

/**
 * Text to a language model's token ids and back. {@link #encode} returns the text's tokens only (no
 * special tokens); a caller adds {@link #bosId()} in front when nothing else (such as a soft prefix)
 * starts the sequence, and {@link #eosId()} after the text when the end should be learned.
 */
public interface LmTokenizer {

    /** The text's token ids, at most {@code maxTokens} of them (the rest is cut off). */
    long[] encode(String text, int maxTokens);

    /** Ids back to text, special tokens skipped. */
    String decode(long[] ids);

    /** Starts a sequence that has no other start. */
    long bosId();

    /** Ends a text. */
    long eosId();

    /** Fills padding positions (always masked out). */
    long padId();
}
