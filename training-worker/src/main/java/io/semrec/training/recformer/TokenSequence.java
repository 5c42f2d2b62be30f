package io.semrec.training.recformer;

/**
 * One encoder input before padding: {@code [CLS]} then items' key–value tokens, most recent item first.
 *
 * @param ids token ids, {@code [CLS]} first
 * @param types token types ({@link TokenTypes})
 * @param itemPositions 0 for {@code [CLS]}, k for every token of the k-th most recent item
 * @param wordStarts true where a token begins a word (false for {@code [CLS]}), for whole-word masking
 */
public record TokenSequence(int[] ids, int[] types, int[] itemPositions, boolean[] wordStarts) {

    public TokenSequence {
        int n = ids.length;
        if (types.length != n || itemPositions.length != n || wordStarts.length != n) {
            throw new IllegalArgumentException("token columns differ in length");
        }
    }

    public int length() {
        return ids.length;
    }

    /** Token positions 0..length-1 (the encoder adds a checkpoint's offset, if it has one). */
    public int[] tokenPositions() {
        int[] positions = new int[ids.length];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = i;
        }
        return positions;
    }

    /** The same sequence with other token ids, e.g. masked for MLM. */
    public TokenSequence withIds(int[] newIds) {
        return new TokenSequence(newIds, types, itemPositions, wordStarts);
    }
}
